// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace verbscope::collections {
class Collection;
}

namespace verbscope::ui {

// A collection as a tree: folders, `.http` files and their requests. Files that do not parse
// cleanly carry their issues (file:line) in the tooltip and an error mark.
class CollectionModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionModel)
public:
    enum class Kind { Folder, File, Request };
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind as int
        PathRole, // absolute path of the folder or file (a request's file)
        RequestIndexRole, // index of the request in its file, -1 for folders and files
        IssuesRole, // QStringList of "file:line:col: error: …"
    };

    explicit CollectionModel(QObject *parent = nullptr);
    ~CollectionModel() override;

    // Shows `collection`; folders without `.http` files below `root` are listed too.
    void setCollection(const collections::Collection &collection);
    void clear();
    QString root() const { return m_root; }
    QModelIndex indexForPath(const QString &path, int request = -1) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node *node(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *n) const;

    std::unique_ptr<Node> m_top;
    QString m_root;
};

} // namespace verbscope::ui
