// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QTextBrowser;

namespace verbscope::ui {

class ReferenceModel;

// Help ▸ Reference: status codes and methods from the knowledge base, searchable, each with
// its meaning, causes and fixes (what `verbscope-cli explain` prints). One per window, not modal.
class ReferenceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReferenceDialog)
public:
    explicit ReferenceDialog(QWidget *parent = nullptr);
    ~ReferenceDialog() override;

    // The window's reference (created on first use), shown and raised.
    static ReferenceDialog *open(QWidget *from);

    // Selects `topic` ("405", "PROPFIND"); a code outside the knowledge base gets its class.
    void showTopic(const QString &topic);
    QString currentTopic() const;
    void setSearch(const QString &text);

    static QString statusHtml(int code);
    static QString methodHtml(const QString &name);

private:
    void showCurrent();

    ReferenceModel *m_model;
    QSortFilterProxyModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_kind;
    QListView *m_list;
    QTextBrowser *m_detail;
    QString m_topic;
};

} // namespace verbscope::ui
