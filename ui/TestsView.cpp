// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/TestsView.h"

#include "ui/Theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace verbscope::ui {

using collections::RunStep;
using collections::RunTest;

namespace {
enum Column { Result, Name, Message, Where };
} // namespace

TestsView::TestsView(QWidget *parent)
    : QWidget(parent)
    , m_empty(new QLabel(this))
    , m_tests(new QTreeWidget(this))
    , m_log(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("testsView"));
    m_empty->setObjectName(QStringLiteral("testsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tests->setObjectName(QStringLiteral("testsList"));
    m_tests->setHeaderLabels({ tr("Result"), tr("Test"), tr("Message"), tr("Where") });
    m_tests->setRootIsDecorated(false);
    m_tests->setAlternatingRowColors(true);
    m_tests->header()->setSectionResizeMode(Name, QHeaderView::ResizeToContents);
    m_tests->header()->setSectionResizeMode(Message, QHeaderView::Stretch);
    m_tests->header()->setSectionResizeMode(Result, QHeaderView::ResizeToContents);
    m_tests->header()->setSectionResizeMode(Where, QHeaderView::ResizeToContents);
    m_log->setObjectName(QStringLiteral("testsLog"));
    m_log->setReadOnly(true);
    m_log->setPlaceholderText(tr("client.log() output appears here"));
    Theme::follow(m_tests, [this] { colourRows(); });

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tests);
    split->addWidget(m_log);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({ 300, 70 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_empty);
    layout->addWidget(split, 1);
    clear();
}

TestsView::~TestsView() = default;

void TestsView::clear()
{
    m_tests->clear();
    m_log->clear();
    m_passed = 0;
    m_count = 0;
    m_empty->setText(
        tr("<p>No tests ran for this answer.</p><p>Add them under a request in its <code>.http</code> file:</p>"
           "<pre>?? status == 200\n?? body $.id exists\n\n&gt; {%\n  client.test(\"created\", function() {\n"
           "    client.assert(response.status === 201, \"expected 201\");\n  });\n%}</pre>"
           "<p>Tests run when a request opened from a collection is sent.</p>"));
    m_empty->show();
}

void TestsView::showStep(const RunStep &step)
{
    clear();
    for (const RunTest &t : step.tests) {
        auto *item = new QTreeWidgetItem(m_tests);
        // A mark and a word: the result must not depend on seeing colour.
        item->setText(Result, t.passed ? tr("✔ passed") : tr("✘ failed"));
        item->setData(Result, Qt::UserRole, t.passed);
        item->setText(Name, t.name);
        item->setText(Message, t.message);
        item->setToolTip(Message, t.message);
        item->setText(Where, t.line > 0 ? QStringLiteral("%1:%2").arg(t.file).arg(t.line) : t.file);
        m_passed += t.passed ? 1 : 0;
        ++m_count;
    }
    for (const QString &problem : step.problems) {
        auto *item = new QTreeWidgetItem(m_tests);
        item->setText(Result, tr("✘ error"));
        item->setData(Result, Qt::UserRole, false);
        item->setText(Name, problem);
        ++m_count;
    }
    m_log->setPlainText(step.log.join(QLatin1Char('\n')));
    if (m_count > 0 || !step.log.isEmpty())
        m_empty->hide();
    colourRows();
}

QString TestsView::title() const
{
    return m_count == 0 ? tr("Tests") : tr("Tests %1/%2").arg(m_passed).arg(m_count);
}

void TestsView::colourRows()
{
    for (int i = 0; i < m_tests->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tests->topLevelItem(i);
        const bool passed = item->data(Result, Qt::UserRole).toBool();
        item->setForeground(Result,
            Theme::colors(passed ? Theme::Role::TextSuccess : Theme::Role::TextError, m_tests->palette()).foreground);
    }
}

} // namespace verbscope::ui
