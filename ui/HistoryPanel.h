// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/Prompt.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;
class QToolButton;

namespace verbscope {
class AppServices;
}

namespace verbscope::history {
class HistoryStore;
struct HistoryFilter;
} // namespace verbscope::history

namespace verbscope::ui {

class HistoryModel;

// The History sidebar: every recorded exchange, newest first, narrowed by a full-text search
// and filters; opens an entry in a new tab, compares two, deletes with undo and clears after
// asking. It reads the same SQLite history the CLI writes, through the services' store, and
// follows the history settings while it is open.
class HistoryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPanel)
public:
    // Asks before something that cannot be undone; true = go ahead.
    using Confirm = Prompt::Confirm;

    explicit HistoryPanel(AppServices &services, QWidget *parent = nullptr);
    ~HistoryPanel() override;

    history::HistoryStore *store() const { return m_store; }
    HistoryModel *model() const { return m_model; }
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    // Picks up what was recorded since (the window calls it after each send).
    void refresh();
    // Shows what recording said (a damaged database set aside, an entry not recorded) above the
    // list, where it stays: the status bar's copy goes with the next message.
    void showMessages(const QStringList &messages);
    // The search and filters as they are typed now.
    history::HistoryFilter filter() const;
    void applyFilter();
    QList<qint64> selectedIds() const;

    void openSelected();
    void compareSelected();
    void compareWithTab();
    void deleteSelected();
    void undoDelete();
    // Deletes for good what deleteSelected() only hid.
    void commitDelete();
    void clearHistory();

Q_SIGNALS:
    void openRequested(qint64 id);
    void compareRequested(qint64 left, qint64 right);
    void compareWithTabRequested(qint64 id);

private:
    void buildFilters();
    void updateActions();
    void updateCount();
    void updateRecordingNotice();

    AppServices &m_services;
    history::HistoryStore *m_store;
    HistoryModel *m_model = nullptr;
    QLineEdit *m_search;
    QComboBox *m_method;
    QComboBox *m_status;
    QLineEdit *m_host;
    QComboBox *m_time;
    QComboBox *m_verdict;
    QListView *m_list;
    QLabel *m_count;
    QLabel *m_problem;
    QFrame *m_undoBar;
    QLabel *m_undoText;
    QToolButton *m_open;
    QToolButton *m_compare;
    QToolButton *m_delete;
    QToolButton *m_clear;
    QTimer *m_filterTimer;
    QTimer *m_undoTimer;
    Confirm m_confirm;
};

} // namespace verbscope::ui
