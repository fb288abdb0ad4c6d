// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/MatrixModel.h"

#include "core/diagnosis/MethodProbe.h"
#include "core/diagnosis/ProbeReport.h"
#include "core/http/ExchangeJson.h"
#include "core/http/HttpSyntax.h"
#include "ui/Theme.h"

#include <QBrush>
#include <QFont>

// MatrixView's table over a MethodProbe it does not own: it reads probe->servers() live, so it
// holds no copy of the cells and must be given a new probe (setProbe) before the old one goes.
namespace verbscope::ui {

using namespace verbscope::diagnosis;

namespace {
// Plain words for a tooltip; the cell text itself is ProbeReport::cellText, the same as the CLI's.
QString verdictWords(Verdict v)
{
    switch (v) {
    case Verdict::Supported: return MatrixModel::tr("supported");
    case Verdict::Ignored: return MatrixModel::tr("ignored (same answer as GET)");
    case Verdict::NotAllowed: return MatrixModel::tr("not allowed on this resource (405)");
    case Verdict::NotImplemented: return MatrixModel::tr("not implemented by the server (501)");
    case Verdict::BadRequest: return MatrixModel::tr("rejected as a bad request");
    case Verdict::Forbidden: return MatrixModel::tr("forbidden");
    case Verdict::NotFound: return MatrixModel::tr("not found");
    case Verdict::AuthRequired: return MatrixModel::tr("authentication required");
    case Verdict::LengthRequired: return MatrixModel::tr("length required");
    case Verdict::ProxyError: return MatrixModel::tr("proxy error");
    case Verdict::ServerError: return MatrixModel::tr("server error");
    case Verdict::TransportError: return MatrixModel::tr("no answer");
    case Verdict::Inconclusive: return MatrixModel::tr("inconclusive (an answer that could not be framed)");
    case Verdict::Other: break;
    }
    return MatrixModel::tr("other");
}

QString joined(const QList<QByteArray> &methods)
{
    QStringList out;
    for (const QByteArray &m : methods)
        out << QString::fromLatin1(m);
    return out.isEmpty() ? MatrixModel::tr("none") : out.join(QStringLiteral(", "));
}
} // namespace

MatrixModel::MatrixModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

MatrixModel::~MatrixModel() = default;

// Only the finished cell is repainted as answers arrive, so a wide matrix stays cheap to update
// while requests are still in flight.
void MatrixModel::setProbe(const MethodProbe *probe)
{
    beginResetModel();
    if (m_probe)
        disconnect(m_probe, nullptr, this, nullptr);
    m_probe = probe;
    if (m_probe) {
        connect(m_probe, &MethodProbe::cellFinished, this, [this](int server, int cell) {
            const QModelIndex i = index(cell, server);
            Q_EMIT dataChanged(i, i);
        });
        // The end reclassifies ignored verbs and fills the summaries: everything may change.
        connect(m_probe, &MethodProbe::finished, this, [this] {
            if (rowCount() > 0 && columnCount() > 0)
                Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        });
    }
    endResetModel();
}

const QList<ServerProbe> &MatrixModel::servers() const
{
    static const QList<ServerProbe> none;
    return m_probe ? m_probe->servers() : none;
}

int MatrixModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || servers().isEmpty())
        return 0;
    return int(servers().constFirst().cells.size()) + 1;
}

int MatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(servers().size());
}

bool MatrixModel::isSummaryRow(int row) const
{
    return row >= 0 && row == rowCount() - 1;
}

const ProbeCell *MatrixModel::cell(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || isSummaryRow(index.row()))
        return nullptr;
    const ServerProbe &s = servers().at(index.column());
    return index.row() < s.cells.size() ? &s.cells.at(index.row()) : nullptr;
}

// The summary row is only meaningful once every cell is in (it needs the unknown-verb answer and
// the ignored-verb check), so until then it says "running…".
QVariant MatrixModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool finished = m_probe && m_probe->isFinished();
    if (isSummaryRow(index.row())) {
        const ServerProbe &s = servers().at(index.column());
        switch (role) {
        case Qt::DisplayRole: return summaryText(s, finished);
        case Qt::ToolTipRole: return finished ? summaryToolTip(s) : QVariant();
        case Qt::FontRole: {
            QFont f;
            f.setBold(true);
            return f;
        }
        case SummaryRole: return true;
        case DoneRole: return finished;
        default: return {};
        }
    }
    const ProbeCell *c = cell(index);
    if (!c)
        return {};
    switch (role) {
    case Qt::DisplayRole: return c->done ? ProbeReport::cellText(*c) : QStringLiteral("…");
    case Qt::ToolTipRole: return c->done ? cellToolTip(*c) : tr("Waiting for the answer");
    // Looked up on every paint, so the cells follow a theme switch.
    case Qt::BackgroundRole: return c->done ? QVariant(QBrush(Theme::background(cellRole(*c)))) : QVariant();
    case Qt::ForegroundRole: return c->done ? QVariant(QBrush(Theme::foreground(cellRole(*c)))) : QVariant();
    case SupportRole: return c->done ? supportId(c->support) : QString();
    case ModeRole: return probeModeId(c->mode);
    case VerdictRole: return c->done ? verdictId(c->classification.verdict) : QString();
    case StatusRole: return c->done && c->exchange.response.received ? c->exchange.response.head.status : 0;
    case DoneRole: return c->done;
    case SummaryRole: return false;
    default: return {};
    }
}

// Every server probes the same method list, so the row labels are read from the first server.
QVariant MatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount())
            return {};
        const ServerProbe &s = servers().at(section);
        if (role == Qt::DisplayRole)
            return s.url;
        if (role == Qt::ToolTipRole)
            return s.summary.server.isEmpty() ? s.url : tr("%1\nServer: %2").arg(s.url, s.summary.server);
        return {};
    }
    if (section < 0 || section >= rowCount())
        return {};
    if (role == Qt::DisplayRole)
        return isSummaryRow(section) ? tr("Summary")
                                     : QString::fromLatin1(servers().constFirst().cells.at(section).method);
    if (role == Qt::ToolTipRole && !isSummaryRow(section)) {
        const QByteArray m = servers().constFirst().cells.at(section).method;
        return m == MethodProbe::unknownToken() ? tr("A verb no server can know: how it treats unknown methods")
                                                : QVariant();
    }
    return {};
}

// A guarded 412 is green and a 404 on the probe path is not: the colour follows the evidence.
Theme::Role MatrixModel::cellRole(const ProbeCell &c)
{
    switch (c.support) {
    case Support::Supported: return Theme::Role::VerdictSupported;
    case Support::Refused: return Theme::verdictRole(c.classification.verdict);
    case Support::Inconclusive:
    case Support::Pending: break;
    }
    if (c.classification.verdict == Verdict::Ignored || c.classification.verdict == Verdict::TransportError)
        return Theme::verdictRole(c.classification.verdict);
    return Theme::Role::VerdictOther;
}

QString MatrixModel::cellToolTip(const ProbeCell &c)
{
    const http::Response &r = c.exchange.response;
    QStringList lines;
    lines << tr("%1 %2").arg(QString::fromLatin1(c.method), c.target);
    switch (c.support) {
    case Support::Supported: lines << tr("Supported: %1").arg(c.evidence); break;
    case Support::Refused: lines << tr("Refused: %1").arg(c.evidence); break;
    case Support::Inconclusive: lines << tr("Inconclusive: %1").arg(c.evidence); break;
    case Support::Pending: break;
    }
    if (c.guardIgnored)
        lines << tr("Warning: the server ignored If-Match; it would have performed %1 (and may have).")
                     .arg(QString::fromLatin1(c.method));
    if (r.received)
        lines << tr("Status: %1 %2").arg(r.head.status).arg(http::escapeBytes(r.head.reason));
    else
        lines << tr("No answer: %1").arg(c.exchange.error.message);
    lines << tr("Verdict: %1").arg(verdictWords(c.classification.verdict));
    const QList<QByteArray> allow = http::headerValues(r.head.headers, "Allow");
    if (r.received)
        lines << tr("Allow: %1").arg(allow.isEmpty() ? tr("(absent)") : http::escapeBytes(allow.join(", ")));
    lines << tr("Answered by: %1").arg(partyId(c.classification.answeredBy));
    if (!c.classification.server.isEmpty())
        lines << tr("Server: %1").arg(c.classification.server);
    if (c.probePath)
        lines << tr("Mode: safe — sent to a path that cannot exist below the URL, not to the URL itself.");
    else if (c.mode == ProbeMode::Guarded)
        lines << tr("Mode: guarded — sent to the URL with If-Match: %1 and no body.")
                     .arg(QString::fromLatin1(c.guardTag));
    else
        lines << tr("Mode: %1 — sent to the URL as it is.").arg(probeModeId(c.mode));
    lines << tr("Activate to see the whole exchange.");
    return lines.join(QLatin1Char('\n'));
}

QString MatrixModel::summaryText(const ServerProbe &s, bool finished)
{
    if (!finished)
        return tr("running…");
    QString text
        = tr("%1 · unknown verb → %2 · %3 supported, %4 refused, %5 inconclusive")
              .arg(probeModeId(s.mode), s.summary.unknownVerb.isEmpty() ? tr("not probed") : s.summary.unknownVerb)
              .arg(s.summary.supported.size())
              .arg(s.summary.refused.size())
              .arg(s.summary.inconclusive.size());
    if (!s.summary.guardIgnored.isEmpty())
        text += tr(" · If-Match ignored by %1").arg(joined(s.summary.guardIgnored));
    return text;
}

QString MatrixModel::summaryToolTip(const ServerProbe &s)
{
    QStringList lines;
    lines << tr("Server: %1").arg(s.summary.server.isEmpty() ? tr("(no Server header)") : s.summary.server);
    if (!s.summary.via.isEmpty())
        lines << tr("Via: %1").arg(s.summary.via.join(QStringLiteral(", ")));
    lines << tr("Unknown verb: %1").arg(s.summary.unknownVerb.isEmpty() ? tr("not probed") : s.summary.unknownVerb);
    lines << tr("Mode: %1").arg(probeModeId(s.mode));
    const std::pair<Support, QString> classes[] = { { Support::Supported, tr("Supported") },
        { Support::Refused, tr("Refused") }, { Support::Inconclusive, tr("Inconclusive") } };
    for (const auto &[support, name] : classes) {
        const auto groups = ProbeReport::byEvidence(s, support);
        if (groups.isEmpty() && support != Support::Supported)
            continue;
        lines << tr("%1: %2").arg(name, groups.isEmpty() ? tr("none") : QString());
        for (const auto &[evidence, methods] : groups)
            lines << tr("  %1 — %2").arg(joined(methods), evidence);
    }
    for (const Finding &f : s.summary.findings)
        lines << tr("[%1] %2 (%3): %4").arg(severityId(f.severity), f.title, f.id, f.detail);
    return lines.join(QLatin1Char('\n'));
}

} // namespace verbscope::ui
