// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace verbscope::ui {

class KeyValueTable;

// The request body: none, raw text with a content type, JSON (validated as you type),
// form-urlencoded fields, multipart fields and files, or a binary file sent as is.
class BodyEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyEditor)
public:
    enum class Mode { None, Raw, Json, Form, Multipart, File };

    struct Body {
        bool hasBody = false;
        QByteArray bytes;
        QString file;
        QByteArray contentType; // empty: add none
        QString problem; // why it cannot be sent (unreadable file…), empty when fine
    };

    explicit BodyEditor(QWidget *parent = nullptr);
    ~BodyEditor() override;

    // readFiles = false only checks that files are readable: validation runs on every keystroke.
    Body body(bool readFiles = true) const;
    Mode mode() const;
    void setMode(Mode mode);
    // Loads bytes from a request (a suggestion, a duplicate): JSON mode when they parse as JSON.
    void setBody(const QByteArray &bytes, const QByteArray &contentType, const QString &file);

    // Where a relative body file is looked for: the .http file's folder for a collection
    // request (as `run` reads it), the working folder otherwise.
    void setBaseDirectory(const QString &dir) { m_baseDirectory = dir; }

    QJsonObject saveState() const;
    void restoreState(const QJsonObject &state);

Q_SIGNALS:
    void edited();

private:
    void validateJson();
    QByteArray multipart(QString *problem, bool readFiles) const;

    QComboBox *m_mode;
    QStackedWidget *m_pages;
    QComboBox *m_rawType;
    QPlainTextEdit *m_raw;
    QPlainTextEdit *m_json;
    QLabel *m_jsonStatus;
    KeyValueTable *m_form;
    KeyValueTable *m_multipart;
    QLineEdit *m_file;
    QComboBox *m_fileType;
    QByteArray m_boundary;
    QByteArray m_jsonType = "application/json"; // sent with the JSON page's body
    QString m_baseDirectory;
};

} // namespace verbscope::ui
