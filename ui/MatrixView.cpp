// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MatrixView.h"

#include "ui/Prompt.h"

#include "core/AppServices.h"
#include "core/Settings.h"
#include "core/diagnosis/MethodProbe.h"
#include "core/diagnosis/ProbeReport.h"
#include "core/history/HistoryRecorder.h"
#include "core/http/Engine.h"
#include "ui/ResponseView.h"
#include "ui/Theme.h"
#include "ui/models/MatrixModel.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

// The desktop `probe`: the same MethodProbe, ProbeReport formats and "probe" history source as
// the CLI, so a matrix exported here matches `verbscope-cli probe --json` for the same servers.
namespace verbscope::ui {

using namespace verbscope::diagnosis;
using http::RequestSpec;

namespace {
// The default of m_chooseFile; GUI tests replace it (setChooseFile) to answer without a modal dialog.
QString defaultChooseFile(QWidget *parent, const QString &suggestedName, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, MatrixView::tr("Export the method matrix"), suggestedName, filter);
}

QString methodNames(const QList<QByteArray> &methods)
{
    QStringList out;
    for (const QByteArray &m : methods)
        out << QString::fromLatin1(m);
    return out.join(QStringLiteral(", "));
}
} // namespace

MatrixView::MatrixView(AppServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_engine(&services.engine())
    , m_model(new MatrixModel(this))
    , m_urls(new QPlainTextEdit(this))
    , m_verbSet(new QComboBox(this))
    , m_methods(new QLineEdit(this))
    , m_mode(new QComboBox(this))
    , m_run(new QPushButton(tr("Probe"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_export(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
    , m_response(new ResponseView(this))
    , m_openInTab(new QPushButton(tr("Open in a request tab"), this))
    , m_confirm(Prompt::yesNoWarning)
    , m_chooseFile(defaultChooseFile)
{
    setObjectName(QStringLiteral("matrixView"));
    setWindowFlag(Qt::Window); // its own window beside the request tabs, never modal
    setWindowTitle(tr("Method Matrix — VerbScope"));
    m_urls->setObjectName(QStringLiteral("matrixUrls"));
    m_urls->setPlaceholderText(tr("One URL per line: every server gets its own column"));
    m_urls->setTabChangesFocus(true);
    m_urls->setMaximumHeight(m_urls->fontMetrics().lineSpacing() * 4 + 12);
    m_verbSet->setObjectName(QStringLiteral("matrixVerbSet"));
    m_verbSet->addItem(tr("Default set (%1)").arg(methodNames(MethodProbe::defaultMethods())));
    m_verbSet->addItem(tr("Custom list"));
    m_verbSet->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_verbSet->setMinimumContentsLength(24);
    m_methods->setObjectName(QStringLiteral("matrixMethods"));
    m_methods->setPlaceholderText(tr("GET,PUT,PURGE replaces the set; +LIST,PURGE adds to it"));
    m_methods->setEnabled(false);
    m_mode->setObjectName(QStringLiteral("matrixMode"));
    m_mode->addItem(tr("Safe: risky methods to a path that cannot exist"));
    m_mode->addItem(tr("Guarded: to the URLs with a failing If-Match (asks first)"));
    m_mode->addItem(tr("Unsafe: to the URLs as they are (asks first)"));
    m_mode->setItemData(0,
        tr("POST, PUT, DELETE… and unknown verbs go to a path below the URL that cannot exist (marked *), so nothing "
           "is created or deleted; a 404 there is inconclusive."),
        Qt::ToolTipRole);
    m_mode->setItemData(1,
        tr("POST, PUT, DELETE… and unknown verbs go to the URLs, once each, with If-Match set to a random entity tag "
           "and no body. A conforming server answers 412 and changes nothing (RFC 9110 §13.1.1); one that ignores "
           "If-Match would perform the method."),
        Qt::ToolTipRole);
    m_mode->setItemData(
        2, tr("Every method goes to the URLs as it is: this can change or delete data."), Qt::ToolTipRole);
    m_run->setObjectName(QStringLiteral("matrixRun"));
    m_run->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("matrixCancel"));
    m_export->setObjectName(QStringLiteral("matrixExport"));
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    const std::pair<Format, QString> formats[]
        = { { Format::Csv, QStringLiteral("exportCsvAction") }, { Format::Json, QStringLiteral("exportJsonAction") },
              { Format::Markdown, QStringLiteral("exportMarkdownAction") } };
    const QStringList labels { tr("CSV (one row per cell)…"), tr("JSON (verbscope.probe/1)…"), tr("Markdown table…") };
    for (int i = 0; i < 3; ++i) {
        QAction *a = exportMenu->addAction(labels.at(i));
        a->setObjectName(formats[i].second);
        const Format f = formats[i].first;
        connect(a, &QAction::triggered, this, [this, f] { exportTo(f); });
    }
    m_export->setMenu(exportMenu);
    m_status->setObjectName(QStringLiteral("matrixStatus"));
    m_status->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("matrixTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setDefaultSectionSize(260);
    m_table->horizontalHeader()->setHighlightSections(false); // a bold URL would not fit
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_response->setObjectName(QStringLiteral("matrixResponse"));
    m_openInTab->setObjectName(QStringLiteral("matrixOpenInTab"));
    m_openInTab->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("URLs"), m_urls);
    auto *verbs = new QHBoxLayout;
    verbs->addWidget(m_verbSet);
    verbs->addWidget(m_methods, 1);
    form->addRow(tr("Methods"), verbs);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("Mode"), this));
    buttons->addWidget(m_mode);
    buttons->addStretch(1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    form->addRow(QString(), buttons);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *detailBar = new QHBoxLayout;
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setObjectName(QStringLiteral("matrixDetailTitle"));
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detailBar->addWidget(m_detailTitle, 1);
    detailBar->addWidget(m_openInTab);
    detailLayout->addLayout(detailBar);
    detailLayout->addWidget(m_response, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("matrixSplitter"));
    split->addWidget(m_table);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({ 560, 300 }); // the whole default set and its summary row, then the exchange

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(makeLegend());
    layout->addWidget(split, 1);
    m_response->clear();
    m_detailTitle->setText(tr("<b>Click a cell to see its exchange</b>"));

    connect(m_verbSet, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_methods->setEnabled(i == 1);
        if (i == 1)
            m_methods->setFocus();
    });
    connect(m_run, &QPushButton::clicked, this, &MatrixView::run);
    connect(m_cancel, &QPushButton::clicked, this, &MatrixView::cancel);
    // A click or the arrow keys show the cell's exchange; Enter or a double click too.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &MatrixView::activate);
    connect(m_table, &QTableView::activated, this, &MatrixView::activate);
    connect(m_openInTab, &QPushButton::clicked, this, [this] {
        if (!m_probe || m_shown.first < 0 || m_shown.first >= m_probe->servers().size())
            return;
        const ProbeCell &c = m_probe->servers().at(m_shown.first).cells.at(m_shown.second);
        Q_EMIT openExchange(c.request, c.exchange);
    });
    m_status->setText(tr("Enter one or more URLs and press Probe. Safe mode sends nothing that can change data."));
    updateButtons();
    resize(1100, 760);
}

// Disconnect before cancelling: the cancelled calls still finish and the probe reports them, which
// must not reach a view that is being destroyed.
MatrixView::~MatrixView()
{
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->cancel();
    }
}

void MatrixView::setUrls(const QStringList &urls)
{
    m_urls->setPlainText(urls.join(QLatin1Char('\n')));
}

// Blank lines are ignored, so a pasted list may keep its spacing.
QStringList MatrixView::urls() const
{
    QStringList out;
    for (const QString &line : m_urls->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    return out;
}

void MatrixView::setMethods(const QString &spec)
{
    m_verbSet->setCurrentIndex(spec.trimmed().isEmpty() ? 0 : 1);
    m_methods->setText(spec.trimmed());
}

void MatrixView::setMode(ProbeMode mode)
{
    m_mode->setCurrentIndex(int(mode));
}

ProbeMode MatrixView::mode() const
{
    return ProbeMode(m_mode->currentIndex());
}

void MatrixView::setUnsafe(bool unsafe)
{
    setMode(unsafe ? ProbeMode::Unsafe : ProbeMode::Safe);
}

// One chip per cell colour (the model's MatrixModel::cellRole), then the marks: the matrix never
// asks the reader to guess what green means.
QWidget *MatrixView::makeLegend()
{
    auto *legend = new QWidget(this);
    legend->setObjectName(QStringLiteral("matrixLegend"));
    auto *layout = new QVBoxLayout(legend);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *chips = new QHBoxLayout;
    chips->setSpacing(6);
    const std::pair<Theme::Role, QString> entries[] = {
        { Theme::Role::VerdictSupported, tr("supported, with evidence") },
        { Theme::Role::VerdictNotAllowed, tr("refused: 405") },
        { Theme::Role::VerdictNotImplemented, tr("refused: 501 or 400") },
        { Theme::Role::VerdictOther, tr("inconclusive (?)") },
        { Theme::Role::VerdictIgnored, tr("ignored: answered like GET") },
        { Theme::Role::VerdictTransportError, tr("no answer") },
    };
    chips->addWidget(new QLabel(tr("Legend:"), legend));
    for (const auto &[role, text] : entries) {
        auto *chip = new QLabel(text, legend);
        chip->setObjectName(QStringLiteral("legend-") + Theme::roleName(role));
        Theme::setStyleSheet(chip, role, QStringLiteral("QLabel { %1 padding: 1px 6px; border-radius: 3px; }"), true);
        chips->addWidget(chip);
    }
    chips->addStretch(1);
    layout->addLayout(chips);
    auto *marks = new QLabel(legend);
    marks->setObjectName(QStringLiteral("matrixLegendMarks"));
    marks->setWordWrap(true);
    marks->setText(tr("* sent to a path below the URL that cannot exist (safe mode): a 404 there is inconclusive. "
                      "? inconclusive: the answer neither shows nor refuses support; the tooltip says what would "
                      "decide. ! a guarded request answered 2xx: the server ignored If-Match and would have "
                      "performed the method. Supported needs evidence: a 2xx/3xx on the URL, a 412/409/422 to a "
                      "guarded request, or the method listed in Allow or by OPTIONS."));
    Theme::setTextRole(marks, Theme::Role::TextMuted);
    layout->addWidget(marks);
    return legend;
}

// Guarded and unsafe modes send methods that are not safe to the real URLs, so the user sees which
// methods, which URLs and what could happen before anything is sent.
bool MatrixView::confirmMode(ProbeMode mode, const QList<QByteArray> &methods, const QStringList &urls)
{
    if (mode == ProbeMode::Safe || methods.isEmpty())
        return true;
    if (mode == ProbeMode::Guarded)
        return m_confirm(this, tr("Send guarded requests to the real URLs?"),
            tr("Guarded mode sends %1 to:\n\n%2\n\neach once, with If-Match set to a random entity tag and no body "
               "(Content-Length: 0). RFC 9110 §13.1.1 forbids a server to perform a method whose precondition "
               "fails, so a conforming server answers 412 and changes nothing.\n\nResidual risk: an application "
               "that ignores If-Match would perform the method with an empty body (a PUT could empty the resource, "
               "a DELETE delete it). Continue?")
                .arg(methodNames(methods), urls.join(QLatin1Char('\n'))));
    return m_confirm(this, tr("Send unsafe methods to the real URLs?"),
        tr("Unsafe mode sends %1 to:\n\n%2\n\nThese requests can change or delete data. Continue?")
            .arg(methodNames(methods), urls.join(QLatin1Char('\n'))));
}

bool MatrixView::isRunning() const
{
    return m_probe && !m_probe->isFinished();
}

void MatrixView::updateButtons()
{
    const bool running = isRunning();
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_export->setEnabled(m_probe && m_probe->isFinished() && !m_probe->servers().isEmpty());
}

// Everything is validated and confirmed before the old probe is dropped, so a rejected run leaves
// the previous matrix on screen. Methods that are not safe (RFC 9110 section 9.2.1) go to the real
// URLs only after the user agrees.
bool MatrixView::run()
{
    if (isRunning())
        return false;
    QStringList errors;
    MethodProbe::Options options;
    if (m_verbSet->currentIndex() == 1)
        options.methods = MethodProbe::parseMethodList(m_methods->text(), &errors);
    RequestSpec base;
    m_services.settings().applyRequestDefaults(base.options);
    base.options.transport = http::TransportKind::Wire; // as the CLI: the exact bytes of each answer
    QStringList normalised;
    for (const QString &url : urls()) {
        RequestSpec check = base;
        check.url = http::normaliseUrl(url);
        for (const QString &e : http::validate(check))
            errors << e;
        normalised << check.url;
    }
    if (normalised.isEmpty())
        errors << tr("Enter at least one URL.");
    if (!errors.isEmpty()) {
        errors.removeDuplicates();
        m_status->setText(errors.join(QLatin1Char('\n')).replace(QStringLiteral("--methods"), tr("Methods")));
        return false;
    }
    options.base = base;
    options.mode = mode();
    if (!confirmMode(options.mode, MethodProbe::riskyMethods(options.methods), normalised)) {
        m_status->setText(tr("Not confirmed: nothing was sent."));
        return false;
    }

    if (m_probe) {
        m_model->setProbe(nullptr);
        m_probe->disconnect(this);
        m_probe->cancel();
        m_probe->deleteLater();
    }
    m_shown = { -1, -1 };
    m_response->clear();
    m_detailTitle->setText(tr("<b>Click a cell to see its exchange</b>"));
    m_openInTab->setEnabled(false);
    m_probe = new MethodProbe(m_engine, this);
    connect(m_probe, &MethodProbe::finished, this, &MatrixView::probeFinished);
    connect(m_probe, &MethodProbe::cellFinished, this, [this](int server, int cell) {
        int done = 0;
        int total = 0;
        for (const ServerProbe &s : m_probe->servers()) {
            total += int(s.cells.size());
            for (const ProbeCell &c : s.cells)
                done += c.done ? 1 : 0;
        }
        m_status->setText(tr("Probing… %1 of %2 answers").arg(done).arg(total));
        if (m_shown == qMakePair(server, cell))
            m_response->showExchange(m_probe->servers().at(server).cells.at(cell).exchange);
    });
    m_status->setText(tr("Probing %n server(s)…", nullptr, int(normalised.size())));
    m_probe->start(normalised, options);
    m_model->setProbe(m_probe);
    updateButtons();
    if (m_probe->isFinished())
        probeFinished();
    return true;
}

void MatrixView::cancel()
{
    if (isRunning())
        m_probe->cancel();
}

// Recorded in one go at the end, with a recorder made for this probe on the services' history file.
void MatrixView::probeFinished()
{
    QList<http::Exchange> exchanges;
    int answered = 0;
    for (const ServerProbe &s : m_probe->servers())
        for (const ProbeCell &c : s.cells) {
            exchanges << c.exchange;
            answered += c.exchange.response.received ? 1 : 0;
        }
    history::HistoryRecorder recorder(QStringLiteral("probe"), m_services.historyPath());
    int recorded = 0;
    for (const http::Exchange &e : exchanges)
        if (e.error.kind != http::ErrorKind::InvalidRequest) // as the CLI: nothing was sent
            recorded += recorder.record(e) ? 1 : 0;
    QStringList text { tr("Done: %1 of %2 requests answered.").arg(answered).arg(exchanges.size()) };
    if (recorded > 0)
        text << tr("%n exchange(s) recorded in the history.", nullptr, recorded);
    text << recorder.takeMessages();
    text << tr("Click a cell to see its exchange.");
    m_status->setText(text.join(QLatin1Char(' ')));
    if (m_shown.first >= 0)
        m_response->showExchange(m_probe->servers().at(m_shown.first).cells.at(m_shown.second).exchange);
    m_table->resizeColumnsToContents(); // the summary row is the widest
    updateButtons();
    Q_EMIT finished();
}

// A cell still in flight shows "Sending…"; the cellFinished handler in run() fills it in when the
// answer arrives while it is the one shown.
void MatrixView::activate(const QModelIndex &index)
{
    const ProbeCell *c = m_model->cell(index);
    if (!c)
        return;
    m_shown = { index.column(), index.row() };
    m_openInTab->setEnabled(true);
    const QString how = c->probePath    ? tr("sent to a path that cannot exist (safe mode)")
        : c->mode == ProbeMode::Guarded ? tr("sent to the URL with a failing If-Match (guarded mode)")
                                        : tr("sent to the URL itself");
    m_detailTitle->setText(tr("<b>%1</b> %2 — %3").arg(QString::fromLatin1(c->method), c->target.toHtmlEscaped(), how));
    if (c->done)
        m_response->showExchange(c->exchange);
    else
        m_response->showSending(tr("%1 %2").arg(QString::fromLatin1(c->method), c->target));
    Q_EMIT cellActivated(index.column(), index.row());
}

QByteArray MatrixView::exportData(Format format) const
{
    if (!m_probe)
        return {};
    switch (format) {
    case Format::Csv: return ProbeReport::toCsv(m_probe->servers());
    case Format::Json: return ProbeReport::toJson(m_probe->servers());
    case Format::Markdown: return ProbeReport::toMarkdown(m_probe->servers());
    }
    return {};
}

// Only a finished probe is exported, so a file never holds a half-filled matrix.
void MatrixView::exportTo(Format format)
{
    if (!m_probe || !m_probe->isFinished())
        return;
    const QString name = format == Format::Csv ? QStringLiteral("method-matrix.csv")
        : format == Format::Json               ? QStringLiteral("method-matrix.json")
                                               : QStringLiteral("method-matrix.md");
    const QString filter = format == Format::Csv ? tr("CSV (*.csv)")
        : format == Format::Json                 ? tr("JSON (*.json)")
                                                 : tr("Markdown (*.md)");
    const QString path = m_chooseFile(this, name, filter);
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(exportData(format)) < 0) {
        m_status->setText(tr("Could not write %1: %2").arg(path, f.errorString()));
        return;
    }
    m_status->setText(tr("Exported to %1").arg(path));
}

} // namespace verbscope::ui
