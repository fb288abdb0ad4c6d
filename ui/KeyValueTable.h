// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

class QTableWidget;
class QBoxLayout;

namespace verbscope::ui {

struct KeyValue {
    QString name;
    QString value;
    bool enabled = true;
    friend bool operator==(const KeyValue &, const KeyValue &) = default;
};

// An editable name/value list that keeps order and duplicates, with a per-row enable box and a
// trailing empty row to type into (query parameters, headers, form fields).
class KeyValueTable final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyValueTable)
public:
    enum Column { Enabled, Name, Value };

    explicit KeyValueTable(const QString &objectName, QWidget *parent = nullptr);
    ~KeyValueTable() override;

    // Rows with a name or a value, in order; the empty trailing row is not included.
    QList<KeyValue> rows() const;
    void setRows(const QList<KeyValue> &rows);
    void appendRow(const KeyValue &row);
    void setNameCompletions(const QStringList &names);
    QTableWidget *table() const { return m_table; }
    QBoxLayout *buttonRow() const { return m_buttons; }

Q_SIGNALS:
    void edited();

private:
    void ensureTrailingRow();
    void insertRowAt(int row, const KeyValue &kv);
    void removeSelected();

    QTableWidget *m_table;
    QBoxLayout *m_buttons;
    QStringList m_completions;
    bool m_updating = false;
};

} // namespace verbscope::ui
