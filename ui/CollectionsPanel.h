// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <functional>

class QComboBox;
class QFileSystemWatcher;
class QLabel;
class QListWidget;
class QTimer;
class QToolButton;
class QTreeView;

namespace verbscope::ui {

class CollectionModel;

// The Collections sidebar: a folder of `.http` files as a tree (parse problems listed with
// file:line), the active environment, and the actions on files, folders and requests. Edits go
// through the atomic, conflict-checked store; what is on disk is re-read when it changes.
class CollectionsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionsPanel)
public:
    explicit CollectionsPanel(QWidget *parent = nullptr);
    ~CollectionsPanel() override;

    // A folder, or a `.http` file (its folder opens and the file is selected).
    bool openPath(const QString &path);
    void reload();
    QString root() const;
    QString rootDir() const; // the folder holding the environment files
    CollectionModel *model() const { return m_model; }
    QString activeEnvironment() const;
    void setActiveEnvironment(const QString &name);

    bool createFile(const QString &folder, const QString &name);
    bool createFolder(const QString &parentFolder, const QString &name);
    bool createRequest(const QString &file);
    bool renameItem(const QModelIndex &index, const QString &name);
    // A request moves into another file; a file or folder into another folder.
    bool moveItem(const QModelIndex &index, const QString &destination);
    // Asks first (Prompt id "deletePrompt").
    bool removeItem(const QModelIndex &index);

    void editEnvironments();
    void importFile();
    void exportCollection();

Q_SIGNALS:
    void requestActivated(const QString &file, int index);
    void environmentChanged(const QString &name);
    void pathMoved(const QString &from, const QString &to);
    void message(const QString &text);

private:
    void chooseFolder();
    void rememberRecent(const QString &path);
    void fillRecent();
    void fillEnvironments();
    void watch();
    void showContextMenu(const QPoint &pos);
    void activated(const QModelIndex &index);
    bool fail(const QString &text);
    bool editRequests(const QString &file, const std::function<QString(const QString &text)> &edit);

    CollectionModel *m_model;
    QTreeView *m_tree;
    QComboBox *m_environment;
    QToolButton *m_open;
    QLabel *m_title;
    QListWidget *m_issues;
    QFileSystemWatcher *m_watcher;
    QTimer *m_reloadTimer;
    QString m_root;
};

} // namespace verbscope::ui
