// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/history/HistoryStore.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace verbscope::ui {

// The history as a flat, newest-first list that never holds more than a few pages: the row
// count comes from one COUNT query and rows are read a page at a time when a view asks for
// them, so 100,000 entries scroll like 100. Deleted rows can be hidden first and removed from
// the store later, which is what makes "Undo" possible.
class HistoryModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        MethodRole,
        UrlRole,
        HostRole,
        StatusRole,
        VerdictRole,
        StartedAtRole,
    };
    static constexpr int PageSize = 200;
    static constexpr int MaxPages = 8;

    explicit HistoryModel(history::HistoryStore *store, QObject *parent = nullptr);
    ~HistoryModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The filter's limit and offset are ignored: the model pages by itself.
    void setFilter(const history::HistoryFilter &filter);
    const history::HistoryFilter &filter() const { return m_filter; }
    // Picks up entries recorded since the last look (they come in at the top).
    void refresh();
    // Re-reads everything: after a deletion elsewhere, a retention run, a clear.
    void reload();

    qint64 idAt(int row) const;
    // Takes the rows out of the list without touching the store.
    void hide(const QList<int> &rows);
    QList<qint64> hiddenIds() const { return m_filter.excludeIds; }
    // Brings the hidden rows back.
    void unhide();
    // Removes the hidden rows from the store for good; returns how many went, or -1 with the
    // store's reason in `error`, taken before the reload that follows (a read clears it).
    qint64 removeHidden(QString *error = nullptr);

    // How many rows were read from the store since the last reset: stays near PageSize × pages
    // looked at, however long the history.
    qint64 rowsLoaded() const { return m_rowsLoaded; }
    int cachedPages() const { return int(m_pages.size()); }

private:
    const history::HistoryEntry *entry(int row) const;
    void clearCache();

    history::HistoryStore *m_store;
    history::HistoryFilter m_filter;
    int m_count = 0;
    qint64 m_newestId = 0;
    mutable QHash<int, QList<history::HistoryEntry>> m_pages;
    mutable QList<int> m_pageOrder; // least recently used first
    mutable qint64 m_rowsLoaded = 0;
};

} // namespace verbscope::ui
