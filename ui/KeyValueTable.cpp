// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/KeyValueTable.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

// Used by RequestEditor (query, headers) and BodyEditor (form fields). It keeps rows as typed, in
// order and with duplicates; what a row means on the wire is the owner's business.
namespace verbscope::ui {

namespace {
// Offers completion of well-known names while a name cell is edited.
class NameDelegate final : public QStyledItemDelegate
{
public:
    NameDelegate(const QStringList *names, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_names(names)
    { }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (line && !m_names->isEmpty()) {
            auto *completer = new QCompleter(*m_names, line);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            line->setCompleter(completer);
        }
        return editor;
    }

private:
    const QStringList *m_names;
};
} // namespace

KeyValueTable::KeyValueTable(const QString &objectName, QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 3, this))
{
    setObjectName(objectName);
    m_table->setObjectName(objectName + QStringLiteral("Table"));
    m_table->setHorizontalHeaderLabels({ QString(), tr("Name"), tr("Value") });
    m_table->horizontalHeader()->setSectionResizeMode(Enabled, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(Name, 200);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->setItemDelegateForColumn(Name, new NameDelegate(&m_completions, m_table));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    m_buttons = new QHBoxLayout;
    auto *remove = new QPushButton(tr("Remove selected"), this);
    remove->setObjectName(objectName + QStringLiteral("Remove"));
    m_buttons->addWidget(remove);
    m_buttons->addStretch(1);
    layout->addLayout(m_buttons);

    connect(remove, &QPushButton::clicked, this, &KeyValueTable::removeSelected);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (m_updating)
            return;
        ensureTrailingRow();
        Q_EMIT edited();
    });
    ensureTrailingRow();
}

KeyValueTable::~KeyValueTable() = default;

// Rows with neither name nor value are left out: the trailing empty row is only for typing.
QList<KeyValue> KeyValueTable::rows() const
{
    QList<KeyValue> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QTableWidgetItem *on = m_table->item(r, Enabled);
        const QTableWidgetItem *name = m_table->item(r, Name);
        const QTableWidgetItem *value = m_table->item(r, Value);
        KeyValue kv { name ? name->text() : QString(), value ? value->text() : QString(),
            !on || on->checkState() == Qt::Checked };
        if (!kv.name.isEmpty() || !kv.value.isEmpty())
            out.append(kv);
    }
    return out;
}

// m_updating silences itemChanged while rows are rebuilt, so a programmatic change (the URL
// splitting its query into rows) does not echo back as a user edit.
void KeyValueTable::setRows(const QList<KeyValue> &rows)
{
    if (rows == this->rows())
        return; // keeps the cursor and selection while the URL is typed
    m_updating = true;
    m_table->setRowCount(0);
    for (const KeyValue &kv : rows)
        insertRowAt(m_table->rowCount(), kv);
    m_updating = false;
    ensureTrailingRow();
}

void KeyValueTable::appendRow(const KeyValue &row)
{
    QList<KeyValue> all = rows();
    all.append(row);
    setRows(all);
    Q_EMIT edited();
}

void KeyValueTable::setNameCompletions(const QStringList &names)
{
    m_completions = names;
}

void KeyValueTable::insertRowAt(int row, const KeyValue &kv)
{
    m_table->insertRow(row);
    auto *on = new QTableWidgetItem;
    on->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    on->setCheckState(kv.enabled ? Qt::Checked : Qt::Unchecked);
    on->setToolTip(tr("Send this row"));
    m_table->setItem(row, Enabled, on);
    m_table->setItem(row, Name, new QTableWidgetItem(kv.name));
    m_table->setItem(row, Value, new QTableWidgetItem(kv.value));
}

// Restores the previous m_updating rather than clearing it, as it also runs inside setRows().
void KeyValueTable::ensureTrailingRow()
{
    const int last = m_table->rowCount() - 1;
    const auto text = [this](int r, int c) {
        const QTableWidgetItem *i = m_table->item(r, c);
        return i ? i->text() : QString();
    };
    if (last >= 0 && text(last, Name).isEmpty() && text(last, Value).isEmpty())
        return;
    const bool was = m_updating;
    m_updating = true;
    insertRowAt(last + 1, {});
    m_updating = was;
}

// Bottom up, so the numbers of the rows still to remove stay valid.
void KeyValueTable::removeSelected()
{
    QList<int> rowsToRemove;
    for (const QModelIndex &i : m_table->selectionModel()->selectedIndexes())
        if (!rowsToRemove.contains(i.row()))
            rowsToRemove.append(i.row());
    std::sort(rowsToRemove.begin(), rowsToRemove.end(), std::greater<>());
    m_updating = true;
    for (int r : rowsToRemove)
        m_table->removeRow(r);
    m_updating = false;
    ensureTrailingRow();
    Q_EMIT edited();
}

} // namespace verbscope::ui
