// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DiagnosisPanel.h"

#include "core/diagnosis/Diagnosis.h"
#include "core/diagnosis/Knowledge.h"
#include "core/http/HttpSyntax.h"
#include "ui/ResponseView.h"
#include "ui/Theme.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

// RequestTab's diagnosis pane. It only displays a Diagnosis and emits what the user asked for;
// RequestTab sends every request, so nothing here touches the network.
namespace verbscope::ui {

using namespace verbscope::diagnosis;

namespace {
// Deletes the widgets as well as the layout items, or the rows of earlier diagnoses would pile up.
void clearLayout(QVBoxLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), parent);
    l->setContentsMargins(0, 8, 0, 2);
    return l;
}

QString exchangeSummary(const http::Exchange &e)
{
    if (!e.response.received)
        return e.error.isError() ? QObject::tr("no answer (%1)").arg(e.error.message) : QObject::tr("no answer");
    return QStringLiteral("%1 %2").arg(e.response.head.status).arg(http::escapeBytes(e.response.head.reason));
}
} // namespace

DiagnosisPanel::DiagnosisPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("diagnosisPanel"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);

    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(QStringLiteral("<h3 style='margin:0'>%1</h3>").arg(tr("Diagnosis")), content));
    m_progress = new QLabel(content);
    m_progress->setObjectName(QStringLiteral("diagnosisProgress"));
    Theme::setTextRole(m_progress, Theme::Role::TextMuted);
    header->addWidget(m_progress, 1);
    layout->addLayout(header);

    m_verdict = new QLabel(content);
    m_verdict->setObjectName(QStringLiteral("diagnosisVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A font, not a style sheet: a style sheet froze the label's palette, black on the dark theme.
    QFont headline = m_verdict->font();
    headline.setPointSize(11);
    headline.setBold(true);
    m_verdict->setFont(headline);
    layout->addWidget(m_verdict);
    m_answeredBy = new QLabel(content);
    m_answeredBy->setObjectName(QStringLiteral("diagnosisAnsweredBy"));
    m_answeredBy->setWordWrap(true);
    layout->addWidget(m_answeredBy);

    auto *actions = new QHBoxLayout;
    auto *copyCurl = new QPushButton(tr("Copy as curl"), content);
    copyCurl->setObjectName(QStringLiteral("copyCurl"));
    auto *probe = new QPushButton(tr("Probe all methods"), content);
    probe->setObjectName(QStringLiteral("probeAll"));
    probe->setToolTip(tr("Opens the method matrix on this URL: every common verb, safely (Tools ▸ Method Matrix)"));
    connect(probe, &QPushButton::clicked, this, &DiagnosisPanel::probeAllRequested);
    m_runChecks = new QPushButton(tr("Run checks"), content);
    m_runChecks->setObjectName(QStringLiteral("runChecks"));
    m_runChecks->setToolTip(
        tr("Gather evidence: OPTIONS on the URL, the method on a path that cannot exist, GET on the URL"));
    actions->addWidget(copyCurl);
    actions->addWidget(probe);
    actions->addWidget(m_runChecks);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_suggestionsTitle = sectionTitle(tr("Suggestions"), content);
    layout->addWidget(m_suggestionsTitle);
    m_suggestions = new QVBoxLayout;
    layout->addLayout(m_suggestions);
    m_findingsTitle = sectionTitle(tr("Findings"), content);
    layout->addWidget(m_findingsTitle);
    m_findings = new QVBoxLayout;
    layout->addLayout(m_findings);

    layout->addWidget(sectionTitle(tr("Evidence (click a check to see its exchange)"), content));
    m_evidence = new QTreeWidget(content);
    m_evidence->setObjectName(QStringLiteral("diagnosisEvidence"));
    m_evidence->setHeaderHidden(true);
    m_evidence->setRootIsDecorated(false);
    m_evidence->setWordWrap(true);
    m_evidence->setMinimumHeight(120);
    layout->addWidget(m_evidence);

    layout->addWidget(sectionTitle(tr("The status code"), content));
    m_status = new QLabel(content);
    m_status->setObjectName(QStringLiteral("statusExplanation"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    layout->addStretch(1);
    scroll->setWidget(content);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    Theme::follow(m_evidence, [this] { colourEvidence(); });

    connect(copyCurl, &QPushButton::clicked, this, &DiagnosisPanel::copyCurlRequested);
    connect(m_runChecks, &QPushButton::clicked, this, &DiagnosisPanel::runChecksRequested);
    connect(m_evidence, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const QVariant index = item->data(0, Qt::UserRole);
        if (index.isValid())
            Q_EMIT checkActivated(index.toInt());
    });
    clear();
}

DiagnosisPanel::~DiagnosisPanel() = default;

void DiagnosisPanel::clear()
{
    m_progress->clear();
    m_verdict->setText(tr("Send a request: the diagnosis of the answer appears here."));
    m_answeredBy->clear();
    clearLayout(m_findings);
    clearLayout(m_suggestions);
    m_findingsTitle->hide();
    m_suggestionsTitle->hide();
    m_evidence->clear();
    m_status->clear();
    m_runChecks->hide();
}

void DiagnosisPanel::setProgress(const QString &what)
{
    m_progress->setText(what.isEmpty() ? QString() : tr("checking: %1").arg(what));
}

// Button labels by suggestion id; a suggestion with neither an action nor a request gets no button.
QString DiagnosisPanel::actionText(const Suggestion &s)
{
    if (s.id == QLatin1String("method-override"))
        return tr("Try it (asks first)…");
    if (s.id == QLatin1String("fix-method-name") && s.request)
        return tr("Fix the verb to %1").arg(QString::fromLatin1(s.request->method));
    if (s.id == QLatin1String("send-options"))
        return tr("Send OPTIONS");
    if (s.id == QLatin1String("resend-over-wire")) // an unsafe method opens for review first
        return s.needsConsent ? tr("Resend over the wire transport…") : tr("Resend over the wire transport");
    if (s.id == QLatin1String("use-allowed-method") && s.request)
        return tr("Open %1 in a new tab").arg(QString::fromLatin1(s.request->method));
    if (s.request)
        return tr("Open in a new tab");
    return {};
}

QString DiagnosisPanel::verifiedText(const Suggestion &s)
{
    if (!s.verified)
        return tr("not tried");
    return *s.verified ? tr("✓ verified") : tr("✗ did not work");
}

// Clickable evidence rows carry the check's index in Qt::UserRole (-1 for the user's own request);
// plain evidence lines carry none. "Run checks" is offered only when a usable answer came and none ran.
void DiagnosisPanel::setDiagnosis(const Diagnosis &d, bool checksRan)
{
    const Classification &c = d.classification;
    m_verdict->setText(d.summary);
    m_verdict->setToolTip(tr("verdict: %1").arg(verdictId(c.verdict)));
    QString who = partyId(c.answeredBy);
    if (c.answeredBy == Party::Proxy && !c.proxy.isEmpty())
        who += QStringLiteral(" (%1)").arg(c.proxy);
    else if (c.serverHint)
        who += QStringLiteral(" (%1)").arg(c.serverHint->name);
    else if (!c.server.isEmpty())
        who += QStringLiteral(" (Server: %1)").arg(c.server);
    QString scope;
    if (d.scope == Scope::Server)
        scope = tr(" · refused server-wide");
    else if (d.scope == Scope::Resource)
        scope = tr(" · refused by this resource only");
    m_answeredBy->setText(
        tr("<b>Verdict:</b> %1 · <b>answered by:</b> %2%3").arg(verdictId(c.verdict), who.toHtmlEscaped(), scope));
    m_answeredBy->setToolTip(c.attribution);

    clearLayout(m_suggestions);
    for (const Suggestion &s : d.suggestions)
        addSuggestion(s);
    m_suggestionsTitle->setVisible(!d.suggestions.isEmpty());

    clearLayout(m_findings);
    for (const Finding &f : d.findings)
        addFinding(f.id, f.severity, f.title,
            f.detail + (f.evidence.isEmpty() ? QString() : QStringLiteral("\n") + f.evidence.join(QLatin1Char('\n'))));
    m_findingsTitle->setVisible(!d.findings.isEmpty());

    m_evidence->clear();
    auto *own = new QTreeWidgetItem(m_evidence,
        { tr("Your request: %1 → %2")
                .arg(QString::fromLatin1(d.exchange.request.method), exchangeSummary(d.exchange)) });
    own->setData(0, Qt::UserRole, -1);
    for (const QString &e : c.evidence)
        new QTreeWidgetItem(m_evidence, { QStringLiteral("• ") + e });
    for (int i = 0; i < d.checks.size(); ++i) {
        const Check &k = d.checks.at(i);
        const QUrl url(k.request.url);
        const QString target = url.path() + (url.hasQuery() ? QLatin1Char('?') + url.query() : QString());
        auto *item = new QTreeWidgetItem(m_evidence,
            { tr("Check %1: %2 %3 → %4")
                    .arg(k.id, QString::fromLatin1(k.request.method), target, exchangeSummary(k.exchange)) });
        item->setToolTip(0, k.purpose + QLatin1Char('\n') + k.request.url);
        item->setData(0, Qt::UserRole, i);
    }
    colourEvidence();
    m_runChecks->setVisible(!checksRan && d.exchange.response.received && c.verdict != Verdict::Inconclusive);
    showStatus(d.exchange.response.received ? d.exchange.response.head.status : 0);
}

// The rows that open an exchange look like links: the user's own and each check.
void DiagnosisPanel::colourEvidence()
{
    const QColor link = Theme::colors(Theme::Role::TextInfo, m_evidence->palette()).foreground;
    for (int i = 0; i < m_evidence->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_evidence->topLevelItem(i);
        if (item->data(0, Qt::UserRole).isValid())
            item->setForeground(0, link);
    }
}

// A short form of the Reference entry; a code the knowledge base lacks still gets its class.
void DiagnosisPanel::showStatus(int status)
{
    if (status == 0) {
        m_status->clear();
        return;
    }
    const Knowledge &k = Knowledge::instance();
    QString html;
    if (const StatusInfo *info = k.status(status)) {
        html = QStringLiteral("<b>%1 %2</b> (%3)<br>%4")
                   .arg(status)
                   .arg(info->title.toHtmlEscaped(), info->reference.toHtmlEscaped(), info->meaning.toHtmlEscaped());
        if (!info->commonCauses.isEmpty()) {
            html += QStringLiteral("<br><i>%1</i><ul style='margin-top:0'>").arg(tr("Common causes:"));
            for (const QString &cause : info->commonCauses)
                html += QStringLiteral("<li>%1</li>").arg(cause.toHtmlEscaped());
            html += QStringLiteral("</ul>");
        }
        if (!info->methodNotes.isEmpty())
            html += QStringLiteral("<i>%1</i> %2").arg(tr("Methods:"), info->methodNotes.toHtmlEscaped());
    } else if (const UnregisteredStatus *u = k.unregisteredStatus(status)) {
        html = QStringLiteral("<b>%1 %2</b> (%3, not registered)<br>%4")
                   .arg(status)
                   .arg(u->title.toHtmlEscaped(), u->origin.toHtmlEscaped(), u->meaning.toHtmlEscaped());
    } else {
        html = QStringLiteral("<b>%1</b>: %2").arg(status).arg(Knowledge::statusClassMeaning(status).toHtmlEscaped());
    }
    m_status->setText(html);
}

void DiagnosisPanel::addFinding(const QString &id, Severity severity, const QString &title, const QString &detail)
{
    auto *label = new QLabel(this);
    label->setObjectName(QStringLiteral("finding-") + id);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const QString body
        = QStringLiteral(" <b>%1</b><br>%2")
              .arg(title.toHtmlEscaped(), detail.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    // The chip's colours are in the text: rebuilt when the palette changes.
    Theme::follow(label, [label, severity, body] {
        label->setText(Theme::htmlChip(Theme::severityRole(severity), severityId(severity).toHtmlEscaped()) + body);
    });
    label->setToolTip(id);
    m_findings->addWidget(label);
}

// A suggestion that would send an unsafe method (needsConsent) says so in its tooltip; RequestTab
// asks for confirmation before it sends anything.
void DiagnosisPanel::addSuggestion(const Suggestion &s)
{
    auto *frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("suggestion-") + s.id);
    frame->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(6, 4, 6, 4);
    auto *top = new QHBoxLayout;
    auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(s.title.toHtmlEscaped()), frame);
    title->setWordWrap(true);
    top->addWidget(title, 1);
    auto *state = new QLabel(verifiedText(s), frame);
    state->setTextFormat(Qt::PlainText);
    state->setObjectName(QStringLiteral("suggestionState-") + s.id);
    state->setToolTip(s.verification);
    QFont bold = state->font();
    bold.setBold(true);
    state->setFont(bold);
    Theme::setTextRole(state,
        !s.verified ? Theme::Role::TextMuted : (*s.verified ? Theme::Role::TextSuccess : Theme::Role::TextError));
    top->addWidget(state);
    const QString action = actionText(s);
    if (!action.isEmpty()) {
        auto *button = new QPushButton(action, frame);
        button->setObjectName(QStringLiteral("suggestionButton-") + s.id);
        if (s.needsConsent)
            button->setToolTip(tr("This sends %1, which could change the server: VerbScope asks first.")
                                   .arg(s.request ? QString::fromLatin1(s.request->method) : tr("a request")));
        connect(button, &QPushButton::clicked, this, [this, id = s.id] { Q_EMIT suggestionTriggered(id); });
        top->addWidget(button);
    }
    layout->addLayout(top);
    auto *detail
        = new QLabel(s.detail + (s.verification.isEmpty() ? QString() : QStringLiteral("\n") + s.verification), frame);
    // The detail quotes what the server sent (Allow values, reason phrases): never read as HTML.
    detail->setTextFormat(Qt::PlainText);
    detail->setWordWrap(true);
    detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setTextRole(detail, Theme::Role::TextMuted);
    layout->addWidget(detail);
    m_suggestions->addWidget(frame);
}

void DiagnosisPanel::setSuggestionBusy(const QString &id, const QString &text)
{
    if (auto *button = findChild<QPushButton *>(QStringLiteral("suggestionButton-") + id)) {
        button->setEnabled(false);
        button->setText(text);
    }
}

} // namespace verbscope::ui
