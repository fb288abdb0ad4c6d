// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/compare/ExchangeDiff.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableWidget;

namespace verbscope::ui {

// Two exchanges side by side: status lines, headers aligned by name with the differences
// coloured (volatile ones hidden unless asked), and the body diff by JSON path or by line.
// All the comparing is compare::ExchangeDiff's, the same as `verbscope-cli compare`.
class CompareView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareView)
public:
    struct Side {
        QString label; // "#12 PATCH http://…", "Current tab: …"
        http::Exchange exchange;
    };

    explicit CompareView(QWidget *parent = nullptr);
    ~CompareView() override;

    void setSides(const Side &left, const Side &right);
    const Side &left() const { return m_left; }
    const Side &right() const { return m_right; }
    void swapSides();
    void setShowVolatile(bool show);
    const compare::ExchangeDiff::Result &result() const { return m_result; }

    QString markdown() const;
    // False with the reason in `error` when the file cannot be written.
    bool exportMarkdown(const QString &path, QString *error = nullptr) const;

private:
    void rebuild();
    void fillHeaders();
    void fillBody();
    void exportInteractively();

    Side m_left;
    Side m_right;
    compare::ExchangeDiff::Result m_result;
    QLabel *m_leftTitle;
    QLabel *m_rightTitle;
    QLabel *m_leftStatus;
    QLabel *m_rightStatus;
    QLabel *m_summary;
    QCheckBox *m_volatile;
    QTableWidget *m_headers;
    QStackedWidget *m_body;
    QLabel *m_bodyNote;
    QTableWidget *m_json;
    QPlainTextEdit *m_text;
};

} // namespace verbscope::ui
