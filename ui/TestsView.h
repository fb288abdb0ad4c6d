// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/RunStep.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace verbscope::ui {

// The response's Tests tab: each `??` assertion and `client.test` of the request that was sent,
// passed or failed (a mark and a word, not colour alone), its message and where it is written,
// then the script's client.log lines. Without tests it says how to write one.
class TestsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestsView)
public:
    explicit TestsView(QWidget *parent = nullptr);
    ~TestsView() override;

    void clear();
    void showStep(const collections::RunStep &step);
    // "Tests", "Tests 2/3" (passed/all): the tab's title.
    QString title() const;
    int passedCount() const { return m_passed; }
    int testCount() const { return m_count; }

private:
    void colourRows();

    QLabel *m_empty;
    QTreeWidget *m_tests;
    QPlainTextEdit *m_log;
    int m_passed = 0;
    int m_count = 0;
};

} // namespace verbscope::ui
