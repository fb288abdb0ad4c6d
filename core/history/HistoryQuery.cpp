// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history/HistoryQuery.h"

#include "core/history/HistoryStore.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace verbscope::history {

namespace HistoryQuery {

// Two spellings of one list: entryFrom() reads by position, so both must keep this order.
const QString EntryColumns = QStringLiteral("id, parent_id, check_id, source, started_at, method, url, host, status, "
                                            "reason, verdict, duration_ms, fidelity, error_kind");
const QString QualifiedEntryColumns
    = QStringLiteral("e.id, e.parent_id, e.check_id, e.source, e.started_at, e.method, e.url, e.host, e.status, "
                     "e.reason, e.verdict, e.duration_ms, e.fidelity, e.error_kind");

QString Where::sql() const
{
    return QStringLiteral(" FROM ") + from
        + (conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QLatin1String(" AND ")));
}

// Newest first is the order entries were recorded (id), which a full-text match can follow
// lazily from FTS5's rowid order instead of collecting every match and sorting it.
Where where(const HistoryFilter &f)
{
    Where w { QStringLiteral("exchanges e"), QStringLiteral("e.id DESC"), {}, {} };
    const QString fts = ftsQuery(f.text);
    if (!fts.isEmpty()) {
        w.from = QStringLiteral("exchanges_fts f JOIN exchanges e ON e.id = f.rowid");
        w.order = QStringLiteral("f.rowid DESC");
        w.conditions << QStringLiteral("exchanges_fts MATCH ?");
        w.values << fts;
    }
    if (!f.includeChecks)
        w.conditions << QStringLiteral("e.parent_id IS NULL");
    if (!f.method.isEmpty()) {
        w.conditions << QStringLiteral("e.method = ?");
        w.values << QString::fromUtf8(f.method);
    }
    // An exact status wins over a class; setStatus() keeps only one of them set anyway.
    if (f.status > 0) {
        w.conditions << QStringLiteral("e.status = ?");
        w.values << f.status;
    } else if (f.statusClass > 0) {
        w.conditions << QStringLiteral("e.status BETWEEN ? AND ?");
        w.values << f.statusClass * 100 << f.statusClass * 100 + 99;
    }
    // Hosts are stored lower-case, so the comparison can use the index and stay case-insensitive.
    if (!f.host.isEmpty()) {
        w.conditions << QStringLiteral("e.host = ?");
        w.values << f.host.toLower();
    }
    if (f.since.isValid()) {
        w.conditions << QStringLiteral("e.started_at >= ?");
        w.values << f.since.toMSecsSinceEpoch();
    }
    if (f.until.isValid()) {
        w.conditions << QStringLiteral("e.started_at <= ?");
        w.values << f.until.toMSecsSinceEpoch();
    }
    if (!f.verdict.isEmpty()) {
        w.conditions << QStringLiteral("e.verdict = ?");
        w.values << f.verdict;
    }
    // Every id is a bound value; only the "?" placeholders are spliced into the SQL text.
    const auto idList = [&w](const QList<qint64> &ids) {
        QStringList marks;
        for (const qint64 id : ids) {
            marks << QStringLiteral("?");
            w.values << id;
        }
        return marks.join(QLatin1Char(','));
    };
    if (!f.ids.isEmpty())
        w.conditions << QStringLiteral("e.id IN (%1)").arg(idList(f.ids));
    if (!f.excludeIds.isEmpty())
        w.conditions << QStringLiteral("e.id NOT IN (%1)").arg(idList(f.excludeIds));
    return w;
}

// Quoting every word keeps FTS5 operators the user did not mean ("-", ":", "(", "*" inside a
// word) from turning into syntax errors; only OR/AND/NOT between two terms, a trailing *, a known
// column: prefix followed by a word and double quotes keep their meaning. Syntax that is incomplete
// (an operator with nothing to join, "url:" alone, a lone quote) is searched as the words typed.
QString ftsQuery(const QString &text)
{
    static const QStringList columns = { QStringLiteral("url"), QStringLiteral("method"), QStringLiteral("status"),
        QStringLiteral("host"), QStringLiteral("headers"), QStringLiteral("body") };
    auto quote = [](QString s) -> QString {
        return QLatin1Char('"') + s.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
    };
    auto isOperator = [](const QString &w) {
        return w == QLatin1String("OR") || w == QLatin1String("AND") || w == QLatin1String("NOT");
    };
    // First the tokens, so an operator can see whether a term follows it.
    struct Token {
        QString term; // the FTS5 form of a term, or the operator's word
        bool op = false;
    };
    QList<Token> tokens;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        QString column;
        QString word;
        bool phrase = false;
        const qsizetype start = i;
        while (i < n && !text.at(i).isSpace() && text.at(i) != QLatin1Char('"'))
            ++i;
        word = text.mid(start, i - start);
        const qsizetype colon = word.indexOf(QLatin1Char(':'));
        if (colon > 0) {
            QString col = word.left(colon).toLower();
            if (col == QLatin1String("header"))
                col = QStringLiteral("headers");
            const bool phraseFollows = colon == word.size() - 1 && i < n && text.at(i) == QLatin1Char('"');
            if (columns.contains(col) && (colon < word.size() - 1 || phraseFollows)) {
                column = col;
                word = word.mid(colon + 1);
            }
        }
        if (i < n && text.at(i) == QLatin1Char('"') && (word.isEmpty())) {
            const qsizetype close = text.indexOf(QLatin1Char('"'), i + 1);
            const qsizetype end = close < 0 ? n : close;
            word = text.mid(i + 1, end - i - 1);
            i = close < 0 ? n : close + 1;
            phrase = true;
        }
        if (!phrase && column.isEmpty() && isOperator(word)) {
            tokens.append({ word, true });
            continue;
        }
        const bool prefix = !phrase && word.size() > 1 && word.endsWith(QLatin1Char('*'));
        if (prefix)
            word.chop(1);
        if (word.trimmed().isEmpty())
            continue;
        QString term = quote(word) + (prefix ? QStringLiteral("*") : QString());
        if (!column.isEmpty())
            term = column + QLatin1Char(':') + term;
        tokens.append({ term, false });
    }
    // An operator joins the term before it to a term after it; anywhere else FTS5 would reject the
    // query, so it is a word to search for.
    QStringList terms;
    bool afterTerm = false;
    for (qsizetype k = 0; k < tokens.size(); ++k) {
        const Token &t = tokens.at(k);
        if (t.op && afterTerm && k + 1 < tokens.size() && !tokens.at(k + 1).op) {
            terms << t.term;
            afterTerm = false;
        } else {
            terms << (t.op ? quote(t.term) : t.term);
            afterTerm = true;
        }
    }
    // Text that held only a quote or an empty phrase is searched for as typed (it matches nothing
    // FTS5 indexes, which is the honest answer) rather than refused.
    if (terms.isEmpty() && !text.trimmed().isEmpty())
        return quote(text.simplified());
    return terms.join(QLatin1Char(' '));
}

// Times are stored as UTC milliseconds since the epoch; converting to local time is the views' job.
HistoryEntry entryFrom(const QSqlQuery &q)
{
    HistoryEntry e;
    e.id = q.value(0).toLongLong();
    e.parentId = q.value(1).toLongLong();
    e.checkId = q.value(2).toString();
    e.source = q.value(3).toString();
    e.startedAt = QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC);
    e.method = q.value(5).toString().toUtf8();
    e.url = q.value(6).toString();
    e.host = q.value(7).toString();
    e.status = q.value(8).toInt();
    e.reason = q.value(9).toString().toUtf8();
    e.verdict = q.value(10).toString();
    if (!q.value(11).isNull())
        e.durationMs = q.value(11).toDouble();
    e.fidelity = q.value(12).toString();
    e.errorKind = q.value(13).toString();
    return e;
}

} // namespace HistoryQuery

// "4xx" or a three-digit code, the two ways users name statuses on the command line and in the panel.
bool HistoryFilter::setStatus(const QString &text, QString *error)
{
    static const QRegularExpression klass(QStringLiteral("^([1-5])xx$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = klass.match(text.trimmed());
    if (m.hasMatch()) {
        statusClass = m.captured(1).toInt();
        status = 0;
        return true;
    }
    bool ok = false;
    const int code = text.trimmed().toInt(&ok);
    if (ok && code >= 100 && code <= 999) {
        status = code;
        statusClass = 0;
        return true;
    }
    if (error)
        *error = QStringLiteral("status \"%1\": expected a code (405) or a class (4xx)").arg(text);
    return false;
}

} // namespace verbscope::history
