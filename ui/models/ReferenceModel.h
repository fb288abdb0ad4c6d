// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>

namespace verbscope::ui {

// Every topic of the knowledge base a user looks up: registered status codes, codes seen in
// the wild, and methods. Read-only; filter it through SearchRole.
class ReferenceModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReferenceModel)
public:
    enum class Kind { Status, UnregisteredStatus, Method };
    enum Role {
        TopicRole = Qt::UserRole + 1, // "405", "PROPFIND"
        KindRole, // int(Kind)
        SearchRole, // everything a search matches: code, title, aliases, meaning…
    };

    explicit ReferenceModel(QObject *parent = nullptr);
    ~ReferenceModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    int rowOf(const QString &topic) const; // -1 when absent; methods match exactly, then ignoring case

private:
    struct Entry {
        Kind kind;
        QString topic;
        QString title;
        QString search;
    };
    QList<Entry> m_entries;
};

} // namespace verbscope::ui
