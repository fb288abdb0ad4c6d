// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/RequestSpec.h"

#include <QJsonObject>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace verbscope::ui {

class AuthEditor;
class BodyEditor;
class KeyValueTable;
class OptionsEditor;

// What the user wants to send: any verb (completed over the method registry, checked as a
// token as it is typed), the URL with its query split into a table, headers in order with
// duplicates, body, auth and options. Send is disabled, with the reason shown, while the
// request could not be sent.
class RequestEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestEditor)
public:
    // Replaces {{variables}} in `text`; `display` masks secrets. Names it cannot resolve go to
    // `unresolved`.
    using Resolver = std::function<QString(const QString &text, bool display, QStringList *unresolved)>;

    explicit RequestEditor(QWidget *parent = nullptr);
    ~RequestEditor() override;

    // With a resolver (a tab bound to a collection request), spec() resolves {{variables}},
    // they are highlighted, their values show on hover, and an unresolved one blocks Send.
    void setResolver(Resolver resolver);
    // The request as typed, {{variables}} and all: what a collection file stores.
    http::RequestSpec templateSpec() const;

    // The request as it will be sent: auth and the body's Content-Type become header fields.
    http::RequestSpec spec() const;
    // Why the request cannot be sent, one problem a line; empty when it can.
    QString problem() const;

    QString method() const;
    QString url() const;
    void setMethod(const QString &method);
    void setUrl(const QString &url);
    void setSpec(const http::RequestSpec &spec);
    void setBusy(bool busy);
    // Shows problems found past the editor (a body file that cannot be read, a bad directive)
    // until the next edit.
    void showProblems(const QStringList &problems);
    // Replaces the editor's own check of the request (http::validate) with one that sees more:
    // given the request as edited (variables unresolved), the reasons it cannot be sent.
    using Validator = std::function<QStringList(const http::RequestSpec &edited)>;
    void setValidator(Validator validator);
    // Relative body files are read from here (see BodyEditor::setBaseDirectory).
    void setBaseDirectory(const QString &dir);
    // The ".http" tab: the request as it is saved in its file, scripts and `??` assertions highlighted
    // (read-only: they are edited in the file). Empty: the tab is hidden (a free request).
    void setSourceText(const QString &text);
    void focusUrl();
    // A curl command line (pasted into the URL field) becomes this editor's request: method, URL,
    // headers, body and options. The report of what was not carried over is shown under the URL;
    // further requests (several URLs, --next) go out through curlPasted. False when `text` is not
    // a curl command that makes a request (the field then keeps the text as typed).
    bool pasteCurl(const QString &text);
    static bool looksLikeCurl(const QString &text);

    QJsonObject saveState() const;
    void restoreState(const QJsonObject &state);

Q_SIGNALS:
    void sendRequested();
    void cancelRequested();
    void edited();
    // A pasted curl command made more requests than this one: open them (new tabs).
    void curlPasted(const QList<verbscope::http::RequestSpec> &others, const QStringList &report);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    http::RequestSpec build(bool readFiles, bool resolve = true, QStringList *unresolved = nullptr) const;
    void showVariables();
    void urlToParams();
    void paramsToUrl();
    void revalidate();

    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QLabel *m_error;
    QLabel *m_curlNotice; // what a pasted curl command could not carry over, until the next edit
    QString m_urlBefore; // the URL field before the last change: tells a paste from typing
    QTabWidget *m_tabs;
    QPlainTextEdit *m_source = nullptr;
    KeyValueTable *m_params;
    KeyValueTable *m_headers;
    BodyEditor *m_body;
    AuthEditor *m_auth;
    OptionsEditor *m_options;
    Resolver m_resolver;
    Validator m_validator;
    QString m_baseDirectory;
    bool m_busy = false;
    bool m_syncing = false;
};

} // namespace verbscope::ui
