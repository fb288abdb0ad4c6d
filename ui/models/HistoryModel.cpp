// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/HistoryModel.h"

#include "core/http/HttpSyntax.h"

#include "ui/Theme.h"

#include <QLocale>
#include <QUrl>

#include <algorithm>
#include <limits>

// HistoryPanel's list over HistoryStore. It must never read the whole table: rows come a page at
// a time, and only the last MaxPages pages stay in memory.
namespace verbscope::ui {

using history::HistoryEntry;
using history::HistoryFilter;

HistoryModel::HistoryModel(history::HistoryStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    m_filter.limit = PageSize;
    reload();
}

HistoryModel::~HistoryModel() = default;

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(MethodRole, "method");
    names.insert(UrlRole, "url");
    names.insert(HostRole, "host");
    names.insert(StatusRole, "status");
    names.insert(VerdictRole, "verdict");
    names.insert(StartedAtRole, "startedAt");
    return names;
}

void HistoryModel::clearCache()
{
    m_pages.clear();
    m_pageOrder.clear();
}

// Loads the page holding `row` on demand and keeps the most recently used pages (an LRU list),
// so scrolling back and forth over a large history issues few queries.
const HistoryEntry *HistoryModel::entry(int row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const int page = row / PageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        HistoryFilter f = m_filter;
        f.limit = PageSize;
        f.offset = page * PageSize;
        it = m_pages.insert(page, m_store->list(f));
        m_rowsLoaded += it->size();
        m_pageOrder.append(page);
        if (m_pageOrder.size() > MaxPages)
            m_pages.remove(m_pageOrder.takeFirst());
        it = m_pages.find(page);
    } else if (m_pageOrder.constLast() != page) {
        m_pageOrder.removeOne(page);
        m_pageOrder.append(page);
    }
    const int inPage = row % PageSize;
    return inPage < it->size() ? &it->at(inPage) : nullptr;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry *e = entry(index.row());
    if (!e)
        return {};
    switch (role) {
    case Qt::DisplayRole: {
        const QUrl url(e->url);
        QString where = url.path();
        if (url.hasQuery())
            where += QLatin1Char('?') + url.query();
        const QString status = e->status > 0 ? QString::number(e->status) : QStringLiteral("—");
        return QStringLiteral("%1  %2 %3")
            .arg(status, QString::fromLatin1(e->method), where.isEmpty() ? e->url : where);
    }
    case Qt::ToolTipRole:
        return tr("%1 %2\n%3 %4\n%5, %6")
            .arg(QString::fromLatin1(e->method), e->url)
            .arg(e->status > 0 ? QString::number(e->status) : tr("no answer"),
                e->errorKind.isEmpty() ? http::escapeBytes(e->reason) : e->errorKind)
            .arg(e->verdict, QLocale().toString(e->startedAt.toLocalTime(), QLocale::ShortFormat));
    case Qt::ForegroundRole:
        if (e->status == 0 || e->status >= 500)
            return Theme::foreground(Theme::Role::TextError);
        if (e->status >= 400)
            return Theme::foreground(Theme::Role::TextWarning);
        return {};
    case IdRole: return e->id;
    case MethodRole: return QString::fromLatin1(e->method);
    case UrlRole: return e->url;
    case HostRole: return e->host;
    case StatusRole: return e->status;
    case VerdictRole: return e->verdict;
    case StartedAtRole: return e->startedAt;
    default: return {};
    }
}

qint64 HistoryModel::idAt(int row) const
{
    const HistoryEntry *e = entry(row);
    return e ? e->id : 0;
}

// Rows hidden for an undoable delete stay hidden across a new filter until removeHidden() or
// unhide() settles them.
void HistoryModel::setFilter(const HistoryFilter &filter)
{
    const QList<qint64> hidden = m_filter.excludeIds;
    m_filter = filter;
    m_filter.excludeIds = hidden;
    reload();
}

// m_newestId remembers the top row, so refresh() can tell rows added on top from any other change.
void HistoryModel::reload()
{
    beginResetModel();
    clearCache();
    m_rowsLoaded = 0;
    const qint64 n = m_store->count(m_filter);
    m_count = int(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
    m_newestId = m_count > 0 ? idAt(0) : 0;
    endResetModel();
}

// Called when new exchanges were recorded: if the rows now below the new ones start with the
// entry that was on top, only rows were added and the view keeps its selection and scroll position.
void HistoryModel::refresh()
{
    const qint64 n = m_store->count(m_filter);
    const int added = int(n) - m_count;
    if (added <= 0) {
        if (n != m_count)
            reload();
        return;
    }
    // New rows arrive on top; anything else (a retention run at the same time) means re-reading.
    HistoryFilter f = m_filter;
    f.limit = 1;
    f.offset = added;
    const QList<HistoryEntry> old = m_store->list(f);
    if (m_count > 0 && (old.isEmpty() || old.constFirst().id != m_newestId)) {
        reload();
        return;
    }
    beginInsertRows({}, 0, added - 1);
    clearCache();
    m_count = int(n);
    endInsertRows();
    m_newestId = idAt(0);
}

// "Delete" with undo: the rows leave the view now through an id exclusion in the filter, and the
// store deletes them only in removeHidden(), when HistoryPanel commits (undo timed out, or a new delete).
void HistoryModel::hide(const QList<int> &rowsIn)
{
    QList<int> rows = rowsIn;
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Contiguous runs, bottom up, so every run's row numbers are still right when it goes.
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) - 1)
            ++j;
        const int first = rows.at(j);
        const int last = rows.at(i);
        i = j + 1;
        if (first < 0 || last >= m_count)
            continue;
        QList<qint64> ids;
        for (int r = first; r <= last; ++r)
            ids << idAt(r);
        beginRemoveRows({}, first, last);
        m_filter.excludeIds += ids;
        m_count -= last - first + 1;
        clearCache();
        endRemoveRows();
    }
    m_newestId = m_count > 0 ? idAt(0) : 0;
}

void HistoryModel::unhide()
{
    if (m_filter.excludeIds.isEmpty())
        return;
    m_filter.excludeIds.clear();
    reload();
}

qint64 HistoryModel::removeHidden(QString *error)
{
    if (m_filter.excludeIds.isEmpty())
        return 0;
    HistoryFilter doomed;
    doomed.limit = 0;
    doomed.ids = m_filter.excludeIds;
    const qint64 removed = m_store->remove(doomed);
    // The rows are out of the view already; dropping the exclusion changes nothing visible.
    m_filter.excludeIds.clear();
    if (removed < 0) {
        if (error)
            *error = m_store->lastError();
        reload();
    }
    return removed;
}

} // namespace verbscope::ui
