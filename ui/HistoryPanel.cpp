// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/HistoryPanel.h"

#include "ui/Prompt.h"
#include "ui/Theme.h"

#include "core/AppServices.h"
#include "core/Settings.h"
#include "core/diagnosis/Verdict.h"
#include "core/history/HistorySpool.h"
#include "core/history/HistoryStore.h"
#include "core/history/TimeSpec.h"
#include "ui/models/HistoryModel.h"

#include <QAction>
#include <QComboBox>
#include <QFileSystemWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace verbscope::ui {

using history::HistoryFilter;
namespace HistorySpool = history::HistorySpool;
using history::HistoryStore;

namespace {
constexpr int UndoSeconds = 10;

QToolButton *button(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(name);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
} // namespace

HistoryPanel::HistoryPanel(AppServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_store(&services.historyStore())
    , m_search(new QLineEdit(this))
    , m_method(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_time(new QComboBox(this))
    , m_verdict(new QComboBox(this))
    , m_list(new QListView(this))
    , m_count(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_undoBar(new QFrame(this))
    , m_undoText(new QLabel(m_undoBar))
    , m_open(button(QStringLiteral("historyOpenButton"), tr("Open"), tr("Open in a new tab (Enter)"), this))
    , m_compare(button(QStringLiteral("historyCompareButton"), tr("Compare"),
          tr("Compare the two selected entries side by side"), this))
    , m_delete(
          button(QStringLiteral("historyDeleteButton"), tr("Delete"), tr("Delete the selected entries (Del)"), this))
    , m_clear(button(QStringLiteral("historyClearButton"), tr("Clear…"), tr("Delete every entry shown"), this))
    , m_filterTimer(new QTimer(this))
    , m_undoTimer(new QTimer(this))
    , m_confirm(Prompt::yesNo)
{
    setObjectName(QStringLiteral("historyPanel"));
    const HistoryStore::OpenResult &opened = services.historyOpened();
    m_problem->setObjectName(QStringLiteral("historyProblem"));
    m_problem->setWordWrap(true);
    if (!opened.ok)
        m_problem->setText(tr("The history cannot be opened: %1").arg(opened.error));
    else if (!opened.notice.isEmpty())
        m_problem->setText(opened.notice);
    updateRecordingNotice();
    connect(&services.settings(), &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::HistoryEnabled)
            updateRecordingNotice();
    });
    m_model = new HistoryModel(m_store, this);
    // Emitted by the retention thread (queued here): new limits from the settings, applied now.
    connect(m_store, &HistoryStore::retentionFinished, this, [this](qint64 removed) {
        if (removed > 0)
            m_model->reload();
    });
    if (opened.ok) {
        // Entries recorded by the command line appear while the window is open.
        const QString pendingDir = HistorySpool::dirFor(m_store->path());
        if (HistorySpool::makeDir(pendingDir)) {
            // Debounced: a command's temporary file and its rename are two changes, and a burst
            // of commands is taken in at once, in one pass on this thread.
            auto *settle = new QTimer(this);
            settle->setSingleShot(true);
            settle->setInterval(250);
            connect(settle, &QTimer::timeout, this, [this] {
                if (HistorySpool::count(HistorySpool::dirFor(m_store->path())) > 0)
                    refresh();
            });
            auto *watcher = new QFileSystemWatcher({ pendingDir }, this);
            connect(watcher, &QFileSystemWatcher::directoryChanged, settle, qOverload<>(&QTimer::start));
        }
    }

    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search: words, \"phrase\", status:405…"));
    m_search->setClearButtonEnabled(true);
    buildFilters();

    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true); // the view then never measures more than one row
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto addAction = [this](const QString &name, const QString &text, auto slot) {
        auto *a = new QAction(text, m_list);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, slot);
        m_list->addAction(a);
        return a;
    };
    addAction(QStringLiteral("historyOpenAction"), tr("Open in New Tab"), &HistoryPanel::openSelected);
    addAction(QStringLiteral("historyCompareAction"), tr("Compare Selected"), &HistoryPanel::compareSelected);
    addAction(
        QStringLiteral("historyCompareWithTabAction"), tr("Compare with Current Tab"), &HistoryPanel::compareWithTab);
    QAction *del = addAction(QStringLiteral("historyDeleteAction"), tr("Delete"), &HistoryPanel::deleteSelected);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);

    m_count->setObjectName(QStringLiteral("historyCount"));
    Theme::setTextRole(m_count, Theme::Role::TextMuted);

    m_undoBar->setObjectName(QStringLiteral("historyUndoBar"));
    m_undoBar->setFrameShape(QFrame::StyledPanel);
    m_undoText->setObjectName(QStringLiteral("historyUndoText"));
    auto *undo = new QPushButton(tr("Undo"), m_undoBar);
    undo->setObjectName(QStringLiteral("historyUndoButton"));
    auto *undoLayout = new QHBoxLayout(m_undoBar);
    undoLayout->setContentsMargins(6, 2, 2, 2);
    undoLayout->addWidget(m_undoText, 1);
    undoLayout->addWidget(undo);
    m_undoBar->hide();
    m_undoTimer->setSingleShot(true);
    m_undoTimer->setInterval(UndoSeconds * 1000);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(0);
    for (QToolButton *b : { m_open, m_compare, m_delete })
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(m_clear);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_problem);
    layout->addWidget(m_search);
    layout->addWidget(findChild<QWidget *>(QStringLiteral("historyFilters")));
    layout->addWidget(m_list, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_undoBar);
    layout->addLayout(buttons);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(250); // one query per pause in typing, not per key
    connect(m_filterTimer, &QTimer::timeout, this, &HistoryPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_host, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    for (QComboBox *box : { m_method, m_status, m_time, m_verdict })
        connect(box, &QComboBox::currentTextChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_list, &QListView::activated, this, &HistoryPanel::openSelected);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HistoryPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPanel::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryPanel::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &HistoryPanel::updateCount);
    connect(m_open, &QToolButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_compare, &QToolButton::clicked, this, &HistoryPanel::compareSelected);
    connect(m_delete, &QToolButton::clicked, this, &HistoryPanel::deleteSelected);
    connect(m_clear, &QToolButton::clicked, this, &HistoryPanel::clearHistory);
    connect(undo, &QPushButton::clicked, this, &HistoryPanel::undoDelete);
    connect(m_undoTimer, &QTimer::timeout, this, &HistoryPanel::commitDelete);
    updateCount();
    updateActions();
}

HistoryPanel::~HistoryPanel()
{
    commitDelete();
}

// The "recording is off" line comes and goes with the setting; other problems stay shown.
void HistoryPanel::updateRecordingNotice()
{
    // A broken settings file turns recording off too: then the notice says why and where.
    const QString notice = m_services.settings().notice();
    const QString off = notice.isEmpty() ? tr("Recording is off in the settings: new exchanges are not kept.") : notice;
    if (!m_services.settings().historyEnabled() && m_problem->text().isEmpty())
        m_problem->setText(off);
    else if (m_services.settings().historyEnabled() && m_problem->text() == off)
        m_problem->clear();
    m_problem->setVisible(!m_problem->text().isEmpty());
}

void HistoryPanel::buildFilters()
{
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("historyFilters"));
    m_method->setObjectName(QStringLiteral("historyMethodFilter"));
    m_method->setEditable(true); // any verb, `patch` as well as `PATCH`
    m_method->addItems(
        { QString(), QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("POST"), QStringLiteral("PUT"),
            QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("OPTIONS"), QStringLiteral("TRACE") });
    m_method->lineEdit()->setPlaceholderText(tr("Any method"));
    m_method->setToolTip(tr("Method, exactly as sent"));
    m_status->setObjectName(QStringLiteral("historyStatusFilter"));
    m_status->setEditable(true);
    m_status->addItems({ QString(), QStringLiteral("2xx"), QStringLiteral("3xx"), QStringLiteral("4xx"),
        QStringLiteral("5xx"), QStringLiteral("405"), QStringLiteral("501") });
    m_status->lineEdit()->setPlaceholderText(tr("Any status"));
    m_status->setToolTip(tr("A status class (4xx) or a code (405)"));
    m_host->setObjectName(QStringLiteral("historyHostFilter"));
    m_host->setPlaceholderText(tr("Any host"));
    m_host->setClearButtonEnabled(true);
    m_time->setObjectName(QStringLiteral("historyTimeFilter"));
    // The data is a TimeSpec age, the same text `history list --since` takes.
    m_time->addItem(tr("Any time"));
    m_time->addItem(tr("Last 15 minutes"), QStringLiteral("15m"));
    m_time->addItem(tr("Last hour"), QStringLiteral("1h"));
    m_time->addItem(tr("Last 24 hours"), QStringLiteral("1d"));
    m_time->addItem(tr("Last 7 days"), QStringLiteral("1w"));
    m_time->addItem(tr("Last 30 days"), QStringLiteral("30d"));
    m_verdict->setObjectName(QStringLiteral("historyVerdictFilter"));
    m_verdict->addItem(tr("Any verdict"));
    for (int v = int(diagnosis::Verdict::Supported); v <= int(diagnosis::Verdict::Other); ++v) {
        const QString id = diagnosis::verdictId(diagnosis::Verdict(v));
        m_verdict->addItem(id, id);
    }
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    grid->addWidget(m_method, 0, 0);
    grid->addWidget(m_status, 0, 1);
    grid->addWidget(m_host, 1, 0);
    grid->addWidget(m_time, 1, 1);
    grid->addWidget(m_verdict, 2, 0, 1, 2);
}

HistoryFilter HistoryPanel::filter() const
{
    HistoryFilter f;
    f.text = m_search->text().trimmed();
    f.method = m_method->currentText().trimmed().toLatin1();
    const QString status = m_status->currentText().trimmed();
    if (!status.isEmpty() && !f.setStatus(status))
        f.status = -1; // nothing matches a status that cannot be one: better than everything
    f.host = m_host->text().trimmed();
    const QString age = m_time->currentData().toString();
    if (!age.isEmpty())
        f.since = history::TimeSpec::parse(age, QDateTime::currentDateTime());
    f.verdict = m_verdict->currentData().toString();
    return f;
}

void HistoryPanel::applyFilter()
{
    m_filterTimer->stop();
    HistoryFilter f = filter();
    if (f.status < 0) {
        f.status = 0;
        f.ids = { -1 };
    }
    m_model->setFilter(f);
}

void HistoryPanel::refresh()
{
    // What commands left in the pending folder since (verbscope-cli send in a terminal…).
    showMessages(m_store->ingestPending().messages);
    m_model->refresh();
    // The list ran into a damaged page: the store checks the file, sets it aside if damaged and
    // says so; the list then shows the new history rather than a part of the old one.
    if (m_store->lastFailureIsDamage()) {
        const QString failure = m_store->lastError();
        const bool recovered = m_store->recoverFromDamage();
        const QStringList notices = m_store->takeNotices();
        showMessages(recovered ? notices : notices + QStringList { failure, m_store->lastError() });
        m_model->reload();
    }
}

void HistoryPanel::showMessages(const QStringList &messages)
{
    if (messages.isEmpty())
        return;
    m_problem->setText(messages.join(QLatin1Char('\n')));
    m_problem->setVisible(true);
}

QList<qint64> HistoryPanel::selectedIds() const
{
    QList<qint64> ids;
    QModelIndexList rows = m_list->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &i : std::as_const(rows))
        ids << i.data(HistoryModel::IdRole).toLongLong();
    return ids;
}

void HistoryPanel::updateActions()
{
    const qsizetype n = m_list->selectionModel()->selectedRows().size();
    m_open->setEnabled(n >= 1);
    m_compare->setEnabled(n == 2);
    m_delete->setEnabled(n >= 1);
    m_clear->setEnabled(m_model->rowCount() > 0);
}

void HistoryPanel::updateCount()
{
    const int n = m_model->rowCount();
    m_count->setText(tr("%n entries", nullptr, n).replace(QString::number(n), QLocale().toString(n)));
    updateActions();
}

void HistoryPanel::openSelected()
{
    for (const qint64 id : selectedIds())
        Q_EMIT openRequested(id);
}

void HistoryPanel::compareSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 2)
        return;
    // Rows are newest first: the older exchange goes on the left, as in `history diff OLD NEW`.
    Q_EMIT compareRequested(ids.at(1), ids.at(0));
}

void HistoryPanel::compareWithTab()
{
    const QList<qint64> ids = selectedIds();
    if (!ids.isEmpty())
        Q_EMIT compareWithTabRequested(ids.constFirst());
}

void HistoryPanel::deleteSelected()
{
    QList<int> rows;
    for (const QModelIndex &i : m_list->selectionModel()->selectedRows())
        rows << i.row();
    if (rows.isEmpty())
        return;
    commitDelete(); // one deletion can be undone at a time
    m_model->hide(rows);
    const int n = int(m_model->hiddenIds().size());
    m_undoText->setText(tr("Deleted %n entries", nullptr, n));
    m_undoBar->show();
    m_undoTimer->start();
}

void HistoryPanel::undoDelete()
{
    m_undoTimer->stop();
    m_undoBar->hide();
    m_model->unhide();
}

void HistoryPanel::commitDelete()
{
    m_undoTimer->stop();
    m_undoBar->hide();
    QString error;
    if (m_model && m_model->removeHidden(&error) < 0)
        m_problem->setText(tr("Could not delete: %1").arg(error));
}

void HistoryPanel::clearHistory()
{
    commitDelete();
    const int n = m_model->rowCount();
    if (n == 0)
        return;
    const HistoryFilter shown = m_model->filter();
    const bool everything = filter().text.isEmpty() && shown.method.isEmpty() && shown.status == 0
        && shown.statusClass == 0 && shown.host.isEmpty() && !shown.since.isValid() && shown.verdict.isEmpty()
        && shown.ids.isEmpty();
    const QString text = everything
        ? tr("Delete all %n history entries, with their checks and bodies? This cannot be undone.", nullptr, n)
        : tr("Delete the %n entries that match the search and filters, with their checks and bodies? "
             "This cannot be undone.",
            nullptr, n);
    if (!m_confirm(this, tr("Clear history?"), text))
        return;
    HistoryFilter doomed = shown;
    doomed.limit = 0;
    doomed.offset = 0;
    if (m_store->remove(doomed) < 0) {
        m_problem->setText(tr("Could not delete: %1").arg(m_store->lastError()));
        m_problem->show();
    }
    m_model->reload();
}

} // namespace verbscope::ui
