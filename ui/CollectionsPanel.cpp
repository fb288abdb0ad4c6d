// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CollectionsPanel.h"

#include "core/Settings.h"
#include "core/collections/Collection.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileStore.h"
#include "ui/EnvironmentDialog.h"
#include "ui/ExportDialog.h"
#include "ui/HttpFileEdit.h"
#include "ui/ImportDialog.h"
#include "ui/Prompt.h"
#include "ui/Theme.h"
#include "ui/models/CollectionModel.h"

#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

// MainWindow's Collections sidebar. Every edit is written through HttpFileStore and followed by
// reload(), so the tree always shows what is on disk, never a state kept only in memory.
namespace verbscope::ui {

using namespace verbscope::collections;

namespace {
constexpr int MaxRecent = 8;

CollectionModel::Kind kindOf(const QModelIndex &index)
{
    return CollectionModel::Kind(index.data(CollectionModel::KindRole).toInt());
}

QToolButton *toolButton(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(name);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
} // namespace

CollectionsPanel::CollectionsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new CollectionModel(this))
    , m_tree(new QTreeView(this))
    , m_environment(new QComboBox(this))
    , m_open(toolButton(QStringLiteral("openCollectionButton"), tr("Open…"),
          tr("Open a folder of .http files (recent ones in the menu)"), this))
    , m_title(new QLabel(this))
    , m_issues(new QListWidget(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_reloadTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("collectionsPanel"));
    m_open->setPopupMode(QToolButton::MenuButtonPopup);
    m_open->setMenu(new QMenu(m_open));
    m_open->menu()->setObjectName(QStringLiteral("recentCollectionsMenu"));
    m_title->setObjectName(QStringLiteral("collectionTitle"));
    m_title->setText(tr("No collection open"));
    m_title->setWordWrap(true);

    auto *importButton = toolButton(QStringLiteral("importCollectionButton"), tr("Import…"),
        tr("Import a Postman, Insomnia, HAR or curl file into this collection"), this);
    auto *exportButton = toolButton(QStringLiteral("exportCollectionButton"), tr("Export…"),
        tr("Export this collection for Postman, HAR, curl or one .http file"), this);
    auto *editEnv = toolButton(
        QStringLiteral("editEnvironmentsButton"), tr("Edit…"), tr("Edit the environments' variables"), this);

    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environment->setToolTip(tr("The environment whose {{variables}} requests of this collection use"));

    m_tree->setObjectName(QStringLiteral("collectionTree"));
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setUniformRowHeights(true);

    m_issues->setObjectName(QStringLiteral("collectionIssues"));
    m_issues->setMaximumHeight(90);
    Theme::setTextRole(m_issues, Theme::Role::TextError);
    m_issues->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_open);
    bar->addWidget(importButton);
    bar->addWidget(exportButton);
    bar->addStretch(1);
    layout->addLayout(bar);
    layout->addWidget(m_title);
    auto *envBar = new QHBoxLayout;
    envBar->addWidget(new QLabel(tr("Environment:"), this));
    envBar->addWidget(m_environment, 1);
    envBar->addWidget(editEnv);
    layout->addLayout(envBar);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_issues);

    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(150);
    connect(m_reloadTimer, &QTimer::timeout, this, &CollectionsPanel::reload);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    connect(m_open, &QToolButton::clicked, this, &CollectionsPanel::chooseFolder);
    connect(importButton, &QToolButton::clicked, this, &CollectionsPanel::importFile);
    connect(exportButton, &QToolButton::clicked, this, &CollectionsPanel::exportCollection);
    connect(editEnv, &QToolButton::clicked, this, &CollectionsPanel::editEnvironments);
    connect(m_tree, &QTreeView::doubleClicked, this, &CollectionsPanel::activated);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &CollectionsPanel::showContextMenu);
    connect(m_issues, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        const QModelIndex i = m_model->indexForPath(item->data(Qt::UserRole).toString());
        if (i.isValid())
            m_tree->setCurrentIndex(i);
    });
    connect(m_environment, &QComboBox::currentIndexChanged, this, [this] {
        if (m_environment->signalsBlocked())
            return;
        Settings().setValue(Settings::Key::CollectionEnvironment, activeEnvironment());
        Q_EMIT environmentChanged(activeEnvironment());
    });
    fillRecent();
    fillEnvironments();
}

CollectionsPanel::~CollectionsPanel() = default;

QString CollectionsPanel::root() const
{
    return m_root;
}

QString CollectionsPanel::rootDir() const
{
    const QFileInfo info(m_root);
    return info.isDir() ? info.absoluteFilePath() : info.absolutePath();
}

// A file opens its folder as the collection and is selected in it.
bool CollectionsPanel::openPath(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(tr("%1 does not exist").arg(QDir::toNativeSeparators(path)));
    m_root = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    rememberRecent(m_root);
    reload();
    if (info.isFile()) {
        const QModelIndex i = m_model->indexForPath(info.absoluteFilePath());
        m_tree->setCurrentIndex(i);
        m_tree->expand(i);
    }
    return true;
}

void CollectionsPanel::reload()
{
    if (m_root.isEmpty())
        return;
    // Keep what was expanded: a reload after an outside edit must not collapse the tree.
    QStringList expanded;
    for (QModelIndex i = m_model->index(0, 0); i.isValid(); i = m_tree->indexBelow(i))
        if (m_tree->isExpanded(i))
            expanded << i.data(CollectionModel::PathRole).toString();
    const Collection collection = Collection::load(m_root);
    m_model->setCollection(collection);
    for (const QString &p : std::as_const(expanded))
        m_tree->expand(m_model->indexForPath(p));
    if (expanded.isEmpty())
        m_tree->expandToDepth(0);
    m_title->setText(
        tr("%1 — %n file(s)", nullptr, int(collection.files().size())).arg(QDir::toNativeSeparators(m_root)));
    m_issues->clear();
    for (const QString &e : collection.errors())
        m_issues->addItem(e);
    for (const CollectionFile &f : collection.files())
        for (const ParseIssue &issue : f.parsed.issues) {
            auto *item = new QListWidgetItem(issue.toString(), m_issues);
            item->setData(Qt::UserRole, f.path);
        }
    m_issues->setVisible(m_issues->count() > 0);
    fillEnvironments();
    watch();
    // Environment and `.http` files may have changed: the open requests resolve again.
    Q_EMIT environmentChanged(activeEnvironment());
}

// QFileSystemWatcher does not pick up new files by itself, so after every reload the folders
// (for additions) and the files (for edits) are registered again.
void CollectionsPanel::watch()
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    QStringList paths { m_root };
    QDirIterator it(m_root, { QStringLiteral("*.http"), QStringLiteral("*.rest"), QStringLiteral("*.json") },
        QDir::Files | QDir::AllDirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << it.next();
    m_watcher->addPaths(paths);
}

QString CollectionsPanel::activeEnvironment() const
{
    return m_environment->currentData().toString();
}

void CollectionsPanel::setActiveEnvironment(const QString &name)
{
    const int i = m_environment->findData(name);
    if (i >= 0)
        m_environment->setCurrentIndex(i);
}

void CollectionsPanel::fillEnvironments()
{
    // The remembered choice applies until this folder offers environments to choose from.
    const QString wanted = m_environment->count() > 1
        ? activeEnvironment()
        : Settings().value(Settings::Key::CollectionEnvironment).toString();
    const QSignalBlocker block(m_environment);
    m_environment->clear();
    m_environment->addItem(tr("(none)"), QString());
    if (!m_root.isEmpty())
        for (const QString &n : Environments::load(rootDir()).names())
            m_environment->addItem(n, n);
    const int i = m_environment->findData(wanted);
    m_environment->setCurrentIndex(std::max(i, 0));
}

void CollectionsPanel::rememberRecent(const QString &path)
{
    Settings settings;
    QStringList recent = settings.value(Settings::Key::CollectionRecentFolders).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    settings.setValue(Settings::Key::CollectionRecentFolders, recent);
    fillRecent();
}

void CollectionsPanel::fillRecent()
{
    QMenu *menu = m_open->menu();
    menu->clear();
    const QStringList recent = Settings().value(Settings::Key::CollectionRecentFolders).toStringList();
    for (const QString &p : recent) {
        QAction *a = menu->addAction(QDir::toNativeSeparators(p), this, [this, p] { openPath(p); });
        a->setObjectName(QStringLiteral("recentCollection"));
    }
    if (recent.isEmpty())
        menu->addAction(tr("No recent collections"))->setEnabled(false);
}

void CollectionsPanel::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of .http files"), m_root);
    if (!dir.isEmpty())
        openPath(dir);
}

void CollectionsPanel::activated(const QModelIndex &index)
{
    if (kindOf(index) == CollectionModel::Kind::Request)
        Q_EMIT requestActivated(
            index.data(CollectionModel::PathRole).toString(), index.data(CollectionModel::RequestIndexRole).toInt());
}

bool CollectionsPanel::fail(const QString &text)
{
    Q_EMIT message(text);
    return false;
}

// Read, edit the text, save against the stamp that was read: if another program changed the file
// in between, the save fails instead of overwriting that change.
bool CollectionsPanel::editRequests(const QString &file, const std::function<QString(const QString &)> &edit)
{
    const HttpFileStore::Loaded loaded = HttpFileStore::read(file);
    if (!loaded.error.isEmpty())
        return fail(loaded.error);
    const HttpFileStore::Saved saved = HttpFileStore::save(file, edit(loaded.text).toUtf8(), loaded.stamp);
    if (saved.status != HttpFileStore::SaveStatus::Saved)
        return fail(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(file), saved.error));
    reload();
    return true;
}

// The new file starts with one request, so it appears in the tree with something to open.
bool CollectionsPanel::createFile(const QString &folder, const QString &name)
{
    QString fileName = name.trimmed();
    if (fileName.isEmpty() || fileName.contains(QLatin1Char('/')))
        return fail(tr("\"%1\" is not a file name").arg(name));
    if (!fileName.endsWith(QLatin1String(".http")) && !fileName.endsWith(QLatin1String(".rest")))
        fileName += QStringLiteral(".http");
    const QString path = QDir(folder).filePath(fileName);
    HttpRequest r;
    r.title = tr("New request");
    r.target = QStringLiteral("http://127.0.0.1:8080/");
    const HttpFileStore::Saved saved = HttpFileStore::save(path, HttpFileEdit::append({}, r).toUtf8(), FileStamp {});
    if (saved.status != HttpFileStore::SaveStatus::Saved)
        return fail(tr("Could not create %1: %2").arg(QDir::toNativeSeparators(path), saved.error));
    reload();
    m_tree->setCurrentIndex(m_model->indexForPath(path));
    return true;
}

bool CollectionsPanel::createFolder(const QString &parentFolder, const QString &name)
{
    if (name.trimmed().isEmpty() || name.contains(QLatin1Char('/')) || !QDir(parentFolder).mkdir(name.trimmed()))
        return fail(tr("Could not create the folder \"%1\"").arg(name));
    reload();
    return true;
}

bool CollectionsPanel::createRequest(const QString &file)
{
    HttpRequest r;
    r.title = tr("New request");
    r.target = QStringLiteral("http://127.0.0.1:8080/");
    return editRequests(file, [&](const QString &text) { return HttpFileEdit::append(text, r); });
}

// A request is renamed in its file (its title, and its @name when it has one, where a space is not
// allowed); a file or folder is renamed on disk and pathMoved() lets open tabs follow.
bool CollectionsPanel::renameItem(const QModelIndex &index, const QString &name)
{
    const QString path = index.data(CollectionModel::PathRole).toString();
    if (name.trimmed().isEmpty())
        return false;
    if (kindOf(index) == CollectionModel::Kind::Request) {
        const int at = index.data(CollectionModel::RequestIndexRole).toInt();
        // A pasted line break would make the @name one the file cannot hold: all white space is one space.
        const QString clean = name.simplified();
        return editRequests(path, [&](const QString &text) {
            const ParseResult parsed = HttpFileParser::parse(text, path);
            if (at >= parsed.file.requests.size())
                return text;
            HttpRequest r = parsed.file.requests.at(at);
            r.title = clean;
            if (!r.name.isEmpty())
                r.name = QString(clean).replace(QLatin1Char(' '), QLatin1Char('-'));
            return HttpFileEdit::replace(text, parsed.file, at, r);
        });
    }
    if (name.contains(QLatin1Char('/')))
        return fail(tr("\"%1\" is not a name").arg(name));
    const QString target = QFileInfo(path).dir().filePath(name.trimmed());
    if (QFileInfo::exists(target) || !QDir().rename(path, target))
        return fail(tr("Could not rename %1 to %2").arg(QFileInfo(path).fileName(), name));
    Q_EMIT pathMoved(path, target);
    reload();
    return true;
}

// A request moves between .http files; a file or folder moves into another folder.
bool CollectionsPanel::moveItem(const QModelIndex &index, const QString &destination)
{
    const QString path = index.data(CollectionModel::PathRole).toString();
    if (kindOf(index) == CollectionModel::Kind::Request) {
        if (!QFileInfo(destination).isFile() || destination == path)
            return fail(tr("A request moves into another .http file"));
        const int at = index.data(CollectionModel::RequestIndexRole).toInt();
        const HttpFileStore::Loaded loaded = HttpFileStore::read(path);
        const ParseResult parsed = HttpFileParser::parse(loaded.text, path);
        if (!loaded.error.isEmpty() || at >= parsed.file.requests.size())
            return fail(tr("%1 changed: reload and try again").arg(QFileInfo(path).fileName()));
        const HttpRequest moved = parsed.file.requests.at(at);
        if (const QString why = HttpFileEdit::unsaveable(moved); !why.isEmpty())
            return fail(tr("Not moved: %1").arg(why));
        // Copy first: a failure leaves the request in both files, never in none.
        if (!editRequests(destination, [&](const QString &text) { return HttpFileEdit::append(text, moved); }))
            return false;
        return editRequests(path, [&](const QString &text) {
            const ParseResult now = HttpFileParser::parse(text, path);
            return HttpFileEdit::replace(text, now.file, at, std::nullopt);
        });
    }
    const QString target = QDir(destination).filePath(QFileInfo(path).fileName());
    if (!QFileInfo(destination).isDir() || QFileInfo::exists(target) || !QDir().rename(path, target))
        return fail(tr("Could not move %1 into %2").arg(QFileInfo(path).fileName(), destination));
    Q_EMIT pathMoved(path, target);
    reload();
    return true;
}

// Asks first. A file goes to the trash where the platform has one; a folder is removed for good.
bool CollectionsPanel::removeItem(const QModelIndex &index)
{
    const QString path = index.data(CollectionModel::PathRole).toString();
    const CollectionModel::Kind kind = kindOf(index);
    const QString what = kind == CollectionModel::Kind::Request
        ? tr("the request \"%1\" from %2").arg(index.data().toString(), QFileInfo(path).fileName())
        : kind == CollectionModel::Kind::File
        ? tr("the file %1").arg(QDir::toNativeSeparators(path))
        : tr("the folder %1 and everything in it").arg(QDir::toNativeSeparators(path));
    const QString answer = Prompt::ask(this, QStringLiteral("deletePrompt"), tr("Delete"), tr("Delete %1?").arg(what),
        { { QStringLiteral("deleteButton"), tr("Delete") }, { QStringLiteral("keepButton"), tr("Cancel") } });
    if (answer != QLatin1String("deleteButton"))
        return false;
    if (kind == CollectionModel::Kind::Request) {
        const int at = index.data(CollectionModel::RequestIndexRole).toInt();
        return editRequests(path, [&](const QString &text) {
            const ParseResult parsed = HttpFileParser::parse(text, path);
            return HttpFileEdit::replace(text, parsed.file, at, std::nullopt);
        });
    }
    const bool ok = kind == CollectionModel::Kind::File ? (QFile::moveToTrash(path) || QFile::remove(path))
                                                        : QDir(path).removeRecursively();
    reload();
    return ok ? true : fail(tr("Could not delete %1").arg(QDir::toNativeSeparators(path)));
}

void CollectionsPanel::showContextMenu(const QPoint &pos)
{
    if (m_root.isEmpty())
        return;
    const QModelIndex index = m_tree->indexAt(pos);
    const CollectionModel::Kind kind = index.isValid() ? kindOf(index) : CollectionModel::Kind::Folder;
    const QString path = index.isValid() ? index.data(CollectionModel::PathRole).toString() : rootDir();
    const QString folder = kind == CollectionModel::Kind::Folder ? path : QFileInfo(path).absolutePath();
    QMenu menu(this);
    if (kind != CollectionModel::Kind::Folder)
        menu.addAction(tr("New Request"), this, [this, path] { createRequest(path); });
    menu.addAction(tr("New File…"), this, [this, folder] {
        const QString name = QInputDialog::getText(this, tr("New File"), tr("File name:"));
        if (!name.isEmpty())
            createFile(folder, name);
    });
    menu.addAction(tr("New Folder…"), this, [this, folder] {
        const QString name = QInputDialog::getText(this, tr("New Folder"), tr("Folder name:"));
        if (!name.isEmpty())
            createFolder(folder, name);
    });
    if (index.isValid()) {
        menu.addSeparator();
        menu.addAction(tr("Rename…"), this, [this, index] {
            const QString name = QInputDialog::getText(this, tr("Rename"), tr("New name:"), QLineEdit::Normal,
                kindOf(index) == CollectionModel::Kind::Request ? QString() : index.data().toString());
            if (!name.isEmpty())
                renameItem(index, name);
        });
        menu.addAction(tr("Move To…"), this, [this, index, kind] {
            const QString target = kind == CollectionModel::Kind::Request
                ? QFileDialog::getOpenFileName(this, tr("Move to file"), rootDir(), tr("HTTP files (*.http *.rest)"))
                : QFileDialog::getExistingDirectory(this, tr("Move into folder"), rootDir());
            if (!target.isEmpty())
                moveItem(index, target);
        });
        menu.addAction(tr("Delete…"), this, [this, index] { removeItem(index); });
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void CollectionsPanel::editEnvironments()
{
    if (m_root.isEmpty())
        return;
    auto *dialog = new EnvironmentDialog(rootDir(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EnvironmentDialog::saved, this, [this] {
        fillEnvironments();
        Q_EMIT environmentChanged(activeEnvironment());
    });
    dialog->open();
}

void CollectionsPanel::importFile()
{
    if (m_root.isEmpty())
        return (void)fail(tr("Open or create a collection folder first"));
    auto *dialog = new ImportDialog(rootDir(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, &CollectionsPanel::reload);
    dialog->open();
}

void CollectionsPanel::exportCollection()
{
    if (m_root.isEmpty())
        return (void)fail(tr("Open a collection first"));
    auto *dialog = new ExportDialog(m_root, activeEnvironment(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace verbscope::ui
