// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace verbscope::http {
class CookieJarStore;
}

namespace verbscope::ui {

// Tools ▸ Cookies: the cookie jar of one environment as the next send will use it, every
// attribute shown; Delete and Clear all write the jar's file at once.
class CookiesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookiesDialog)
public:
    CookiesDialog(http::CookieJarStore &store, const QString &environment, QWidget *parent = nullptr);
    ~CookiesDialog() override;

    // Rereads the jar (after a send while the dialog is open).
    void refresh();

private:
    void deleteSelected();
    void clearAll();
    void save();

    http::CookieJarStore &m_store;
    QString m_environment;
    QLabel *m_title;
    QTableWidget *m_table;
    QPushButton *m_delete;
    QPushButton *m_clear;
};

} // namespace verbscope::ui
