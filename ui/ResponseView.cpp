// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ResponseView.h"

#include "core/http/Exchange.h"
#include "core/http/ExchangeText.h"
#include "core/http/HttpSyntax.h"
#include "ui/BodyView.h"
#include "ui/ReferenceDialog.h"
#include "ui/TestsView.h"
#include "ui/Theme.h"
#include "ui/TimingWaterfall.h"
#include "ui/models/HeadersModel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

// Used by RequestTab and MatrixView. While a call runs it is fed in steps (showSending, showHead,
// showProgress); a finished or stored exchange arrives whole through showExchange().
namespace verbscope::ui {

using namespace verbscope::http;

namespace {
constexpr qsizetype RawBodyPreview = 64 * 1024;

QPlainTextEdit *monoText(const QString &name, QWidget *parent)
{
    auto *t = new QPlainTextEdit(parent);
    t->setObjectName(name);
    t->setReadOnly(true);
    t->setLineWrapMode(QPlainTextEdit::NoWrap);
    t->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return t;
}

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// A hop's status as coloured text in the list (the badge's colours are for a filled label).
Theme::Role statusTextRole(int status)
{
    if (status >= 500 || status == 0)
        return Theme::Role::TextError;
    if (status >= 400)
        return Theme::Role::TextWarning;
    if (status >= 300)
        return Theme::Role::TextInfo;
    if (status >= 200)
        return Theme::Role::TextSuccess;
    return Theme::Role::TextMuted;
}

// The Raw page shows at most 64 KiB of a body, escaped: megabytes of text in a QPlainTextEdit would
// stall the window, and the Body page has the whole of it.
QString bodyPreview(const QByteArray &body, qint64 total)
{
    if (body.isEmpty())
        return {};
    QString text = escapeBytes(body.left(RawBodyPreview), true);
    if (total > RawBodyPreview)
        text += QObject::tr("\n… %1 more bytes (see the Body tab)").arg(total - RawBodyPreview);
    return text;
}
} // namespace

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
    , m_badge(new QLabel(this))
    , m_meta(new QLabel(this))
    , m_context(new QLabel(this))
    , m_back(new QPushButton(tr("Back to your request"), this))
    , m_tabs(new QTabWidget(this))
    , m_body(new BodyView(m_tabs))
    , m_headersModel(new HeadersModel(this))
    , m_headers(new QTableView(m_tabs))
    , m_fidelity(new QLabel(this))
    , m_rawSent(monoText(QStringLiteral("rawSent"), this))
    , m_rawReceived(monoText(QStringLiteral("rawReceived"), this))
    , m_timing(new TimingWaterfall(this))
    , m_hops(new QTreeWidget(m_tabs))
    , m_tls(monoText(QStringLiteral("tlsDetails"), m_tabs))
    , m_cookies(monoText(QStringLiteral("cookieNotes"), m_tabs))
    , m_tests(new TestsView(m_tabs))
    , m_explain(new QPushButton(tr("Explain"), this))
{
    setObjectName(QStringLiteral("responseView"));
    m_badge->setObjectName(QStringLiteral("statusBadge"));
    m_meta->setObjectName(QStringLiteral("responseMeta"));
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_context->setObjectName(QStringLiteral("responseContext"));
    m_context->setWordWrap(true);
    Theme::setStyleSheet(m_context, Theme::Role::BannerInfo,
        QStringLiteral("QLabel { %1 border-radius: 3px; padding: 3px 6px; }"), true);
    m_back->setObjectName(QStringLiteral("backToPrimary"));
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->setDocumentMode(true);

    m_headers->setObjectName(QStringLiteral("responseHeaders"));
    m_headers->setModel(m_headersModel);
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->setSectionResizeMode(HeadersModel::Name, QHeaderView::ResizeToContents);
    m_headers->verticalHeader()->setDefaultSectionSize(22);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setWordWrap(false);

    auto *raw = new QWidget(m_tabs);
    raw->setObjectName(QStringLiteral("rawExchange"));
    auto *rawLayout = new QVBoxLayout(raw);
    rawLayout->setContentsMargins(0, 4, 0, 0);
    m_fidelity->setParent(raw);
    m_fidelity->setObjectName(QStringLiteral("rawFidelity"));
    m_fidelity->setWordWrap(true);
    rawLayout->addWidget(m_fidelity);
    auto *rawSplit = new QSplitter(Qt::Vertical, raw);
    auto *sentBox = new QWidget(rawSplit);
    auto *sentLayout = new QVBoxLayout(sentBox);
    sentLayout->setContentsMargins(0, 0, 0, 0);
    sentLayout->addWidget(new QLabel(tr("<b>→ Sent</b>"), sentBox));
    m_rawSent->setParent(sentBox);
    sentLayout->addWidget(m_rawSent);
    auto *recvBox = new QWidget(rawSplit);
    auto *recvLayout = new QVBoxLayout(recvBox);
    recvLayout->setContentsMargins(0, 0, 0, 0);
    recvLayout->addWidget(new QLabel(tr("<b>← Received</b>"), recvBox));
    m_rawReceived->setParent(recvBox);
    recvLayout->addWidget(m_rawReceived);
    rawLayout->addWidget(rawSplit, 1);

    auto *timingArea = new QScrollArea(m_tabs);
    timingArea->setWidget(m_timing);
    timingArea->setWidgetResizable(true);

    m_hops->setObjectName(QStringLiteral("redirectHops"));
    m_hops->setHeaderLabels({ tr("#"), tr("Method"), tr("URL"), tr("Status"), tr("Location"), tr("Time") });
    m_hops->setRootIsDecorated(false);
    m_hops->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    Theme::follow(m_hops, [this] { colourHops(); });

    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(raw, tr("Raw exchange"));
    m_tabs->addTab(timingArea, tr("Timing"));
    m_tabs->addTab(m_hops, tr("Redirects"));
    m_tabs->addTab(m_tls, tr("TLS"));
    m_tabs->addTab(m_cookies, tr("Cookies"));
    m_tabs->addTab(m_tests, m_tests->title());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_badge);
    top->addWidget(m_explain);
    top->addWidget(m_meta, 1);
    layout->addLayout(top);
    auto *contextRow = new QHBoxLayout;
    contextRow->addWidget(m_context, 1);
    contextRow->addWidget(m_back);
    layout->addLayout(contextRow);
    layout->addWidget(m_tabs, 1);

    connect(m_back, &QPushButton::clicked, this, &ResponseView::backRequested);
    m_explain->setObjectName(QStringLiteral("explainStatusButton"));
    m_explain->setFlat(true);
    m_explain->setCursor(Qt::PointingHandCursor);
    connect(m_explain, &QPushButton::clicked, this,
        [this] { ReferenceDialog::open(this)->showTopic(QString::number(m_status)); });
    clear();
}

ResponseView::~ResponseView() = default;

// Status 0 means no answer yet (or none at all): the Explain link appears only for a real code.
void ResponseView::setBadge(int status, const QString &text, const QString &version)
{
    m_status = status;
    m_explain->setVisible(status >= 100);
    m_explain->setToolTip(tr("What %1 means, its common causes and fixes (Help ▸ Reference)").arg(status));
    m_badge->setText(text);
    m_badge->setToolTip(version.isEmpty() ? QString() : QStringLiteral("HTTP/%1").arg(version));
    Theme::setStyleSheet(m_badge, Theme::statusRole(status),
        QStringLiteral("QLabel { %1 padding: 4px 10px; border-radius: 4px; font-weight: bold; }"));
}

void ResponseView::clear()
{
    setBadge(0, tr("No response yet"), QString());
    m_meta->setText(tr("Send a request to see the answer here."));
    m_context->hide();
    m_back->hide();
    m_body->clear();
    m_headersModel->setHeaders({});
    m_fidelity->clear();
    m_rawSent->clear();
    m_rawReceived->clear();
    m_timing->clear();
    m_hops->clear();
    m_tls->clear();
    m_cookies->clear();
    m_tests->clear();
    m_tabs->setTabText(m_tabs->indexOf(m_tests), m_tests->title());
}

void ResponseView::showTests(const collections::RunStep &step)
{
    m_tests->showStep(step);
    m_tabs->setTabText(m_tabs->indexOf(m_tests), m_tests->title());
}

void ResponseView::showTestsTab()
{
    m_tabs->setCurrentWidget(m_tests);
    m_tests->setFocus();
}

void ResponseView::showSending(const QString &what)
{
    clear();
    setBadge(0, tr("Sending…"), QString());
    m_meta->setText(what);
}

// The reason phrase is shown in the control-byte notation (VisibleText.h), as the headers table
// shows values: a bare CR, an ESC or obs-text that is not UTF-8 (\xNN) stays visible.
void ResponseView::showHead(const ResponseHead &head)
{
    setBadge(head.status, QStringLiteral("%1 %2").arg(head.status).arg(escapeBytes(head.reason)), head.httpVersion);
    m_headersModel->setHeaders(head.headers);
    m_meta->setText(tr("HTTP/%1 · receiving…").arg(head.httpVersion));
}

void ResponseView::showProgress(qint64 bytes)
{
    m_meta->setText(tr("receiving… %1").arg(dataSize(bytes)));
}

// A non-empty context means this is not the tab's own answer (a diagnosis check): the banner says
// what is shown and "Back to your request" returns to it.
void ResponseView::showExchange(const Exchange &ex, const QString &context)
{
    const Response &r = ex.response;
    m_context->setText(context);
    m_context->setVisible(!context.isEmpty());
    m_back->setVisible(!context.isEmpty());
    if (r.received) {
        setBadge(r.head.status, QStringLiteral("%1 %2").arg(r.head.status).arg(escapeBytes(r.head.reason)),
            r.head.httpVersion);
        QStringList meta { QStringLiteral("HTTP/%1").arg(r.head.httpVersion),
            tr("%1 ms").arg(ex.timings.total.value_or(0), 0, 'f', 1), tr("body %1").arg(dataSize(r.rawSize)) };
        // A body shown as received, or only in part, says so where the sizes are.
        if (r.decodeStopped && r.outputIncomplete)
            meta << tr("decoding stopped by the decompression bomb guard: only the first %1 decoded are shown")
                        .arg(dataSize(r.decodedSize));
        else if (r.decodeStopped)
            meta << tr("not decoded: %1 shown as received (the decompression bomb guard stopped decoding)")
                        .arg(QString::fromLatin1(r.contentEncoding));
        else if (!r.decodeError.isEmpty())
            meta << r.decodeError;
        else if (r.decodedSize != r.rawSize)
            meta << tr("%1 decoded (%2)").arg(dataSize(r.decodedSize), QString::fromLatin1(r.contentEncoding));
        if (r.bodyFile.isEmpty() && r.bodyTruncated)
            meta << tr("only the first %1 of %2 kept").arg(dataSize(r.body.size()), dataSize(r.decodedSize));
        if (!ex.redirects.isEmpty())
            meta << tr("%n redirect(s)", nullptr, int(ex.redirects.size()));
        meta << (ex.fidelity == Fidelity::Wire ? tr("wire") : tr("Qt view"));
        if (ex.error.isError())
            meta << tr("%1: %2").arg(errorKindName(ex.error.kind), ex.error.message);
        m_meta->setText(meta.join(QStringLiteral(" · ")));
    } else {
        setBadge(0, ex.error.kind == ErrorKind::Canceled ? tr("Canceled") : tr("No response"), QString());
        m_meta->setText(
            ex.error.isError() ? tr("%1 error: %2").arg(errorKindName(ex.error.kind), ex.error.message) : QString());
    }
    m_headersModel->setHeaders(r.head.headers);
    const QByteArray contentType = headerValue(r.head.headers, "Content-Type");
    if (!r.received)
        m_body->clear();
    else if (!r.bodyNotKept.isEmpty())
        m_body->setUnavailable(r.bodyNotKept);
    else if (r.body.isEmpty() && r.bodyFile.isEmpty() && r.decodedSize > 0)
        m_body->setUnavailable(tr("The body (%1) is not in this record.").arg(dataSize(r.decodedSize)));
    else
        m_body->setBody(r.body, r.bodyFile, contentType);
    showRaw(ex);
    m_timing->setExchange(ex);
    showHops(ex);
    showTls(ex);
    showCookies(ex);
}

void ResponseView::showCookies(const Exchange &ex)
{
    QStringList lines;
    const auto add = [&lines](int n, const SentRequest &q, const QStringList &notes) {
        if (notes.isEmpty())
            return;
        lines << tr("%1. %2 %3").arg(n).arg(QString::fromLatin1(q.method), q.url);
        for (const QString &note : notes)
            lines << QStringLiteral("   ") + note;
    };
    int n = 1;
    for (const Hop &h : ex.redirects)
        add(n++, h.request, h.cookieNotes);
    add(n, ex.request, ex.cookieNotes);
    m_cookies->setPlainText(lines.isEmpty() ? tr("The cookie jar sent and stored nothing for this exchange.")
                                            : lines.join(QLatin1Char('\n')));
}

// With the wire transport the stored raw heads are shown byte for byte; with Qt's they are rebuilt
// from its merged view (QT-FACTS A2), and the fidelity line above says which one the user sees.
void ResponseView::showRaw(const Exchange &ex)
{
    const bool wire = ex.fidelity == Fidelity::Wire;
    m_fidelity->setText(wire
            ? tr("<b>Fidelity: wire</b> — the exact bytes written to and read from the socket.")
            : tr("<b>Fidelity: Qt view</b> — what Qt reports, not the bytes on the socket: duplicate response "
                 "headers are merged, empty ones dropped, the HTTP version is unknown. Choose the Wire "
                 "transport in Options for the exact bytes."));
    const SentRequest &q = ex.request;
    QString sent = escapeBytes(wire && !q.rawHead.isEmpty() ? q.rawHead : formatRequestHead(q), true);
    sent += bodyPreview(q.body, q.bodySize);
    m_rawSent->setPlainText(sent);
    const Response &r = ex.response;
    if (!r.received) {
        m_rawReceived->setPlainText(ex.error.isError() ? tr("(no answer: %1)").arg(ex.error.message) : QString());
        return;
    }
    QByteArray head;
    for (const ResponseHead &info : r.informational)
        head += wire && !info.rawHead.isEmpty() ? info.rawHead : formatResponseHead(info);
    head += wire && !r.head.rawHead.isEmpty() ? r.head.rawHead : formatResponseHead(r.head);
    QString received = escapeBytes(head, true);
    // The wire view shows the body as it travelled (still content-encoded); Qt's shows it decoded.
    const QByteArray &body = wire ? r.rawBody : (r.body.isEmpty() ? r.rawBody : r.body);
    received += bodyPreview(body, r.rawSize);
    if (wire && !r.rawTrailers.isEmpty())
        received += escapeBytes(r.rawTrailers, true);
    m_rawReceived->setPlainText(received);
}

// One row per hop, the final answer last, with its Location, so a redirect loop shows at a glance.
void ResponseView::showHops(const Exchange &ex)
{
    m_hops->clear();
    const auto add = [this](int n, const SentRequest &q, const Response &r, const Timings &t) {
        auto *item = new QTreeWidgetItem(m_hops);
        item->setText(0, QString::number(n));
        item->setText(1, QString::fromLatin1(q.method));
        item->setText(2, q.url);
        item->setText(3,
            r.received ? QStringLiteral("%1 %2").arg(r.head.status).arg(escapeBytes(r.head.reason)) : tr("no answer"));
        item->setData(3, Qt::UserRole, r.received ? r.head.status : 0);
        item->setText(4, escapeBytes(headerValue(r.head.headers, "Location")));
        item->setText(5, t.total ? tr("%1 ms").arg(*t.total, 0, 'f', 1) : QString());
    };
    int n = 1;
    for (const Hop &h : ex.redirects)
        add(n++, h.request, h.response, h.timings);
    add(n, ex.request, ex.response, ex.timings);
    colourHops();
    for (int c = 0; c < m_hops->columnCount(); ++c)
        if (c != 2)
            m_hops->resizeColumnToContents(c);
    m_tabs->setTabText(m_tabs->indexOf(m_hops),
        ex.redirects.isEmpty() ? tr("Redirects") : tr("Redirects (%1)").arg(ex.redirects.size()));
}

// Separate from showHops() so Theme::follow can recolour the list when the palette changes.
void ResponseView::colourHops()
{
    for (int i = 0; i < m_hops->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_hops->topLevelItem(i);
        item->setForeground(
            3, Theme::colors(statusTextRole(item->data(3, Qt::UserRole).toInt()), m_hops->palette()).foreground);
    }
}

// The chain as the server sent it; verification problems are listed even when -k ignored them.
void ResponseView::showTls(const Exchange &ex)
{
    const TlsInfo &t = ex.tls;
    if (!t.used) {
        m_tls->setPlainText(tr("No TLS: the request went over plain HTTP."));
        return;
    }
    QStringList lines { tr("Protocol:  %1").arg(t.protocol), tr("Cipher:    %1").arg(t.cipher),
        tr("ALPN:      %1").arg(t.alpn.isEmpty() ? tr("(none)") : t.alpn) };
    if (t.verificationDisabled)
        lines << tr("Verification: OFF for this request (-k)");
    for (const QString &e : t.errors)
        lines << tr("Error: %1").arg(e);
    lines << QString() << tr("Certificate chain (%1):").arg(t.peerChain.size());
    int i = 0;
    for (const Certificate &c : t.peerChain) {
        lines << QStringLiteral("[%1] %2").arg(i++).arg(c.subject) << tr("    issuer:   %1").arg(c.issuer)
              << tr("    valid:    %1 → %2").arg(c.notBefore.toString(Qt::ISODate), c.notAfter.toString(Qt::ISODate))
              << tr("    SHA-256:  %1").arg(c.sha256);
        if (!c.subjectAltNames.isEmpty())
            lines << tr("    names:    %1").arg(c.subjectAltNames.join(QStringLiteral(", ")));
    }
    m_tls->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace verbscope::ui
