// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "Version.h"
#include "core/http/Call.h"
#include "core/http/Engine.h"
#include "core/http/ExchangeText.h"
#include "core/http/HttpSyntax.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace verbscope::ui {

using namespace verbscope::http;

namespace {
QTableWidget *makeHeaderTable(QWidget *parent, const QString &name)
{
    auto *t = new QTableWidget(0, 2, parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels({QObject::tr("Name"), QObject::tr("Value")});
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->setVisible(false);
    return t;
}

QString statusColour(int status)
{
    if (status >= 500) return QStringLiteral("#c0392b");
    if (status >= 400) return QStringLiteral("#d35400");
    if (status >= 300) return QStringLiteral("#2980b9");
    if (status >= 200) return QStringLiteral("#27ae60");
    return QStringLiteral("#7f8c8d");
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_engine(new Engine(this))
{
    setWindowTitle(QStringLiteral("VerbScope"));
    resize(1100, 720);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    auto *bar = new QHBoxLayout;
    m_method = new QComboBox(central);
    m_method->setObjectName(QStringLiteral("methodBox"));
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),
                        QStringLiteral("QUERY"), QStringLiteral("PROPFIND"), QStringLiteral("MKCOL")});
    m_method->setMinimumWidth(120);
    m_url = new QLineEdit(central);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("https://example.com/resource"));
    m_send = new QPushButton(tr("Send"), central);
    m_send->setObjectName(QStringLiteral("sendButton"));
    bar->addWidget(m_method);
    bar->addWidget(m_url, 1);
    bar->addWidget(m_send);
    layout->addLayout(bar);

    m_inputError = new QLabel(central);
    m_inputError->setObjectName(QStringLiteral("inputError"));
    m_inputError->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_inputError->setWordWrap(true);
    m_inputError->hide();
    layout->addWidget(m_inputError);

    auto *split = new QSplitter(Qt::Vertical, central);
    auto *requestTabs = new QTabWidget(split);
    m_requestHeaders = makeHeaderTable(requestTabs, QStringLiteral("requestHeaders"));
    m_requestHeaders->setRowCount(3);
    requestTabs->addTab(m_requestHeaders, tr("Headers"));
    m_requestBody = new QPlainTextEdit(requestTabs);
    m_requestBody->setObjectName(QStringLiteral("requestBody"));
    requestTabs->addTab(m_requestBody, tr("Body"));

    auto *responseBox = new QWidget(split);
    auto *responseLayout = new QVBoxLayout(responseBox);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(tr("No response yet"), responseBox);
    m_status->setObjectName(QStringLiteral("statusBadge"));
    m_meta = new QLabel(responseBox);
    m_meta->setObjectName(QStringLiteral("responseMeta"));
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_meta, 1);
    responseLayout->addLayout(statusRow);
    auto *responseTabs = new QTabWidget(responseBox);
    m_responseBody = new QPlainTextEdit(responseTabs);
    m_responseBody->setObjectName(QStringLiteral("responseBody"));
    m_responseBody->setReadOnly(true);
    responseTabs->addTab(m_responseBody, tr("Body"));
    m_responseHeaders = makeHeaderTable(responseTabs, QStringLiteral("responseHeaders"));
    m_responseHeaders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    responseTabs->addTab(m_responseHeaders, tr("Headers"));
    m_raw = new QPlainTextEdit(responseTabs);
    m_raw->setObjectName(QStringLiteral("rawExchange"));
    m_raw->setReadOnly(true);
    m_raw->setFont(QFont(QStringLiteral("monospace")));
    responseTabs->addTab(m_raw, tr("Raw exchange"));
    responseLayout->addWidget(responseTabs);
    split->addWidget(requestTabs);
    split->addWidget(responseBox);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    setCentralWidget(central);

    auto *fileMenu = menuBar()->addMenu(tr("&Request"));
    auto *sendAction = fileMenu->addAction(tr("&Send"), this, &MainWindow::send);
    sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    auto *cancelAction = fileMenu->addAction(tr("&Cancel"), this, &MainWindow::cancel);
    cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    auto *focusUrl = fileMenu->addAction(tr("Focus &URL"), m_url, [this] { m_url->setFocus(); m_url->selectAll(); });
    focusUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    menuBar()->addMenu(tr("&Help"))->addAction(tr("&About VerbScope"), this, [this] {
        QMessageBox::about(this, tr("About VerbScope"),
                           tr("VerbScope %1\nFind out why an HTTP method fails.").arg(QStringLiteral(VERBSCOPE_VERSION)));
    });

    connect(m_send, &QPushButton::clicked, this, &MainWindow::send);
    connect(m_url, &QLineEdit::returnPressed, this, &MainWindow::send);
    connect(m_method, &QComboBox::editTextChanged, this, &MainWindow::validateInput);
    connect(m_url, &QLineEdit::textChanged, this, &MainWindow::validateInput);
    statusBar()->showMessage(tr("Ready"));
    validateInput();
}

MainWindow::~MainWindow() = default;

void MainWindow::setUrl(const QString &url)
{
    m_url->setText(url);
}

void MainWindow::validateInput()
{
    const QString problem = checkMethod(m_method->currentText().toUtf8());
    const bool ok = problem.isEmpty() && !m_url->text().trimmed().isEmpty();
    m_inputError->setVisible(!problem.isEmpty());
    m_inputError->setText(problem);
    m_send->setEnabled(ok && !m_call);
    m_send->setToolTip(problem);
}

void MainWindow::send()
{
    if (m_call || !m_send->isEnabled())
        return;
    RequestSpec spec;
    spec.method = m_method->currentText().toUtf8();
    spec.url = m_url->text().trimmed();
    if (!spec.url.contains(QLatin1String("://")))
        spec.url.prepend(QLatin1String("http://"));
    for (int row = 0; row < m_requestHeaders->rowCount(); ++row) {
        const auto *name = m_requestHeaders->item(row, 0);
        const auto *value = m_requestHeaders->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            spec.headers.append({name->text().trimmed().toUtf8(), value ? value->text().toUtf8() : QByteArray()});
    }
    if (!m_requestBody->toPlainText().isEmpty()) {
        spec.body = m_requestBody->toPlainText().toUtf8();
        spec.hasBody = true;
    }
    const QStringList problems = validate(spec);
    if (!problems.isEmpty()) {
        m_inputError->setText(problems.join(QLatin1Char('\n')));
        m_inputError->show();
        return;
    }
    m_call = m_engine->send(spec);
    m_send->setEnabled(false);
    statusBar()->showMessage(tr("Sending %1 %2…").arg(QString::fromUtf8(spec.method), spec.url));
    connect(m_call, &Call::finished, this, [this] {
        Call *call = m_call;
        showExchange(call->exchange());
        call->deleteLater();
        m_call = nullptr;
        validateInput();
    });
}

void MainWindow::cancel()
{
    if (m_call)
        m_call->cancel();
}

void MainWindow::showExchange(const Exchange &ex)
{
    const Response &r = ex.response;
    if (r.received) {
        m_status->setText(QStringLiteral("%1 %2").arg(r.head.status).arg(QString::fromLatin1(r.head.reason)));
        m_status->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; padding: 3px 8px; border-radius: 3px; font-weight: bold; }")
                                    .arg(statusColour(r.head.status)));
        m_meta->setText(tr("HTTP/%1 · %2 ms · %3 bytes · %4 view")
                            .arg(r.head.httpVersion)
                            .arg(ex.timings.total.value_or(0), 0, 'f', 1)
                            .arg(r.rawSize)
                            .arg(ex.fidelity == Fidelity::Wire ? tr("wire") : tr("Qt")));
    } else {
        m_status->setText(tr("No response"));
        m_status->setStyleSheet(QStringLiteral("QLabel { background: #7f8c8d; color: white; padding: 3px 8px; border-radius: 3px; }"));
        m_meta->clear();
    }
    m_responseHeaders->setRowCount(0);
    for (const Header &h : r.head.headers) {
        const int row = m_responseHeaders->rowCount();
        m_responseHeaders->insertRow(row);
        m_responseHeaders->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(h.name)));
        m_responseHeaders->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(h.value)));
    }
    m_responseBody->setPlainText(looksBinary(r.body) ? tr("[binary body, %1 bytes]").arg(r.body.size())
                                                     : QString::fromUtf8(r.body.left(4 << 20)));
    QByteArray raw = formatRequestHead(ex.request);
    if (r.received)
        raw += formatResponseHead(r.head);
    m_raw->setPlainText(escapeBytes(raw, true));
    if (ex.error.isError())
        statusBar()->showMessage(tr("%1 error: %2").arg(errorKindName(ex.error.kind), ex.error.message));
    else
        statusBar()->showMessage(tr("Done"));
}

} // namespace verbscope::ui
