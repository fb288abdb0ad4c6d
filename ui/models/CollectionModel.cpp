// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/CollectionModel.h"

#include "core/collections/Collection.h"
#include "ui/Theme.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QIcon>
#include <QStyle>

// CollectionsPanel's tree. Rebuilt whole from a parsed Collection on every change (setCollection),
// so it never edits files itself; nodes are found again by path and request index after a rebuild.
namespace verbscope::ui {

using namespace verbscope::collections;

struct CollectionModel::Node {
    Kind kind = Kind::Folder;
    QString name;
    QString path;
    int request = -1;
    QString method;
    QStringList issues;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        children.push_back(std::move(child));
        return children.back().get();
    }
    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i)
            if (parent->children[i].get() == this)
                return int(i);
        return 0;
    }
    // Finds or creates the chain of folder nodes for a relative path like "a/b".
    Node *folder(const QString &relative, const QString &root)
    {
        Node *current = this;
        QString sofar;
        for (const QString &part : relative.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
            sofar += (sofar.isEmpty() ? QString() : QStringLiteral("/")) + part;
            Node *found = nullptr;
            for (const auto &c : current->children)
                if (c->kind == Kind::Folder && c->name == part)
                    found = c.get();
            if (!found) {
                auto created = std::make_unique<Node>();
                created->name = part;
                created->path = QDir(root).filePath(sofar);
                found = current->add(std::move(created));
            }
            current = found;
        }
        return current;
    }
};

CollectionModel::CollectionModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_top(std::make_unique<Node>())
{ }

CollectionModel::~CollectionModel() = default;

void CollectionModel::clear()
{
    beginResetModel();
    m_top = std::make_unique<Node>();
    m_root.clear();
    endResetModel();
}

// Hidden folders (.git, .idea…) are left out; each file's requests become its children in file
// order, with their index in the file as RequestIndexRole.
void CollectionModel::setCollection(const Collection &collection)
{
    beginResetModel();
    m_top = std::make_unique<Node>();
    m_root = collection.root();
    const QFileInfo rootInfo(m_root);
    if (rootInfo.isDir()) {
        // Empty folders too: a folder just made must show up to receive requests.
        QStringList dirs;
        QDirIterator it(m_root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            dirs << QDir(m_root).relativeFilePath(it.next());
        dirs.sort();
        for (const QString &d : std::as_const(dirs))
            if (!d.split(QLatin1Char('/')).constLast().startsWith(QLatin1Char('.')))
                m_top->folder(d, m_root);
    }
    for (const CollectionFile &f : collection.files()) {
        const QString dir = QFileInfo(f.relativePath).path();
        Node *parent = m_top->folder(dir == QLatin1String(".") ? QString() : dir, m_root);
        auto file = std::make_unique<Node>();
        file->kind = Kind::File;
        file->name = QFileInfo(f.path).fileName();
        file->path = f.path;
        for (const ParseIssue &issue : f.parsed.issues)
            file->issues << issue.toString();
        for (qsizetype i = 0; i < f.parsed.file.requests.size(); ++i) {
            const HttpRequest &r = f.parsed.file.requests.at(i);
            auto req = std::make_unique<Node>();
            req->kind = Kind::Request;
            req->name = r.displayName();
            req->method = r.method;
            req->path = f.path;
            req->request = int(i);
            file->add(std::move(req));
        }
        parent->add(std::move(file));
    }
    endResetModel();
}

CollectionModel::Node *CollectionModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_top.get();
}

QModelIndex CollectionModel::indexOf(const Node *n) const
{
    if (!n || n == m_top.get())
        return {};
    return createIndex(n->row(), 0, const_cast<Node *>(n));
}

// QModelIndexes do not survive the reset of a rebuild; a view restores its selection and
// expanded folders through this lookup instead.
QModelIndex CollectionModel::indexForPath(const QString &path, int request) const
{
    std::vector<const Node *> todo { m_top.get() };
    while (!todo.empty()) {
        const Node *n = todo.back();
        todo.pop_back();
        if (n != m_top.get() && n->path == path && n->request == request)
            return indexOf(n);
        for (const auto &c : n->children)
            todo.push_back(c.get());
    }
    return {};
}

QModelIndex CollectionModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    const Node *p = node(parent);
    if (size_t(row) >= p->children.size())
        return {};
    return createIndex(row, 0, p->children[size_t(row)].get());
}

QModelIndex CollectionModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(node(child)->parent);
}

int CollectionModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(node(parent)->children.size());
}

int CollectionModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant CollectionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = node(index);
    switch (role) {
    case Qt::DisplayRole:
        // An unnamed request's name is already "METHOD target": not "GET GET /x".
        if (n->kind == Kind::Request)
            return n->name.startsWith(n->method + QLatin1Char(' ')) ? n->name
                                                                    : QString(n->method + QLatin1Char(' ') + n->name);
        return n->issues.isEmpty() ? n->name : QString(n->name + QStringLiteral(" ⚠"));
    case Qt::ToolTipRole:
        if (!n->issues.isEmpty())
            return n->issues.join(QLatin1Char('\n'));
        return n->path;
    case Qt::ForegroundRole:
        if (!n->issues.isEmpty())
            return Theme::foreground(Theme::Role::TextError);
        return {};
    case KindRole: return int(n->kind);
    case PathRole: return n->path;
    case RequestIndexRole: return n->request;
    case IssuesRole: return n->issues;
    default: return {};
    }
}

} // namespace verbscope::ui
