// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/Prompt.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QToolButton;

namespace verbscope {
class AppServices;
}

namespace verbscope::http {
class Engine;
struct Exchange;
struct RequestSpec;
} // namespace verbscope::http

namespace verbscope::diagnosis {
class MethodProbe;
enum class ProbeMode;
} // namespace verbscope::diagnosis

namespace verbscope::ui {

class MatrixModel;
class ResponseView;

// The desktop `probe`: URLs and a verb set in, a live method matrix out (one column per server,
// a summary row), each cell's exchange on activation, exports in the CLI's formats, and every
// exchange recorded in the history as "probe". Safe by default; guarded and unsafe modes ask first,
// naming the methods and URLs. A legend explains the colours and marks.
class MatrixView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixView)
    Q_MOC_INCLUDE("core/http/Exchange.h")
    Q_MOC_INCLUDE("core/http/RequestSpec.h")
public:
    // Same shape as RequestTab::Confirm: true = go ahead.
    using Confirm = Prompt::Confirm;
    // Where to save an export; empty = canceled.
    using ChooseFile = std::function<QString(QWidget *parent, const QString &suggestedName, const QString &filter)>;
    enum class Format { Csv, Json, Markdown };

    // Probes through the services' engine, from their request defaults, into their history.
    explicit MatrixView(AppServices &services, QWidget *parent = nullptr);
    ~MatrixView() override;

    void setUrls(const QStringList &urls);
    QStringList urls() const;
    // "GET,PUT" replaces the default set, "+LIST" extends it; empty = the default set.
    void setMethods(const QString &spec);
    void setMode(diagnosis::ProbeMode mode);
    diagnosis::ProbeMode mode() const;
    void setUnsafe(bool unsafe); // setMode(unsafe ? Unsafe : Safe)
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setChooseFile(ChooseFile choose) { m_chooseFile = std::move(choose); }

    // Starts a probe; false (with the reason shown) when the input is invalid or not confirmed.
    bool run();
    void cancel();
    bool isRunning() const;
    MatrixModel *model() const { return m_model; }
    QByteArray exportData(Format format) const;

Q_SIGNALS:
    void cellActivated(int server, int cell);
    // "Open in a tab": the cell's request and answer, to edit and resend from there.
    void openExchange(const http::RequestSpec &spec, const http::Exchange &exchange);
    void finished();

private:
    void activate(const QModelIndex &index);
    void probeFinished();
    void exportTo(Format format);
    void updateButtons();
    bool confirmMode(diagnosis::ProbeMode mode, const QList<QByteArray> &methods, const QStringList &urls);
    QWidget *makeLegend();

    AppServices &m_services;
    http::Engine *m_engine;
    diagnosis::MethodProbe *m_probe = nullptr;
    MatrixModel *m_model;
    QPlainTextEdit *m_urls;
    QComboBox *m_verbSet;
    QLineEdit *m_methods;
    QComboBox *m_mode; // items in ProbeMode order
    QPushButton *m_run;
    QPushButton *m_cancel;
    QToolButton *m_export;
    QLabel *m_status;
    QTableView *m_table;
    ResponseView *m_response;
    QLabel *m_detailTitle;
    QPushButton *m_openInTab;
    QPair<int, int> m_shown { -1, -1 }; // (server, cell) in the response view
    Confirm m_confirm;
    ChooseFile m_chooseFile;
};

} // namespace verbscope::ui
