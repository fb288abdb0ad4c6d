// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/EnvironmentDialog.h"

#include "core/collections/Environments.h"
#include "core/collections/HttpFileStore.h"
#include "ui/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

// Opened from CollectionsPanel. It edits the two JetBrains environment files of a collection
// folder directly and emits saved() so open tabs resolve {{variables}} with the new values.
namespace verbscope::ui {

using namespace verbscope::collections;

namespace {
enum Column { NameColumn, ValueColumn, SecretColumn };
constexpr int ValueRole = Qt::UserRole + 1; // the real value; a secret's text is only the mask

// Secret values are typed into a password field and never painted in clear.
class ValueDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(QStringLiteral("variableValueEditor"));
        if (index.siblingAtColumn(SecretColumn).data(Qt::CheckStateRole).toInt() == Qt::Checked)
            edit->setEchoMode(QLineEdit::Password);
        return edit;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(index.data(ValueRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        const QString value = static_cast<QLineEdit *>(editor)->text();
        const bool secret = index.siblingAtColumn(SecretColumn).data(Qt::CheckStateRole).toInt() == Qt::Checked;
        model->setData(index, value, ValueRole);
        model->setData(index, secret ? QString::fromUtf8(EnvironmentDialog::Mask) : value, Qt::DisplayRole);
    }
};
} // namespace

struct EnvironmentDialog::Data {
    QString dir;
    EnvironmentMap publicEnv;
    EnvironmentMap privateEnv;
    FileStamp publicStamp;
    FileStamp privateStamp;
    QString shown;
    QStringList unreadable; // files that did not parse: never saved over
};

// Both files are read with their stamps (HttpFileStore), so save() can refuse to overwrite a
// change another program made while the dialog was open.
EnvironmentDialog::EnvironmentDialog(const QString &dir, QWidget *parent)
    : QDialog(parent)
    , d(std::make_unique<Data>())
    , m_environment(new QComboBox(this))
    , m_table(new QTableWidget(0, 3, this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("environmentDialog"));
    setWindowTitle(tr("Environments"));
    resize(560, 380);
    d->dir = dir;
    const QDir folder(dir);
    const auto readFile = [&](const char *name, EnvironmentMap *into, FileStamp *stamp) {
        const HttpFileStore::Loaded loaded = HttpFileStore::read(folder.filePath(QLatin1String(name)));
        *stamp = loaded.stamp;
        QString error;
        if (loaded.stamp.exists)
            *into = Environments::parse(loaded.text.toUtf8(), &error);
        if (!error.isEmpty()) {
            d->unreadable << QLatin1String(name);
            m_error->setText(m_error->text() + QLatin1String(name) + QStringLiteral(": ") + error + QLatin1Char('\n'));
        }
    };
    readFile(Environments::PublicFile, &d->publicEnv, &d->publicStamp);
    readFile(Environments::PrivateFile, &d->privateEnv, &d->privateStamp);

    m_environment->setObjectName(QStringLiteral("environmentNameCombo"));
    QStringList names { QLatin1String(Environments::Shared) };
    for (const QString &n : d->publicEnv.keys() + d->privateEnv.keys())
        if (!names.contains(n))
            names << n;
    m_environment->addItems(names);
    m_table->setObjectName(QStringLiteral("variablesTable"));
    m_table->setHorizontalHeaderLabels({ tr("Variable"), tr("Value"), tr("Secret") });
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->setItemDelegateForColumn(ValueColumn, new ValueDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_error->setObjectName(QStringLiteral("environmentError"));
    Theme::setTextRole(m_error, Theme::Role::TextError);
    m_error->setWordWrap(true);
    m_error->setVisible(!m_error->text().isEmpty());

    auto *addEnv = new QPushButton(tr("New Environment…"), this);
    addEnv->setObjectName(QStringLiteral("addEnvironmentButton"));
    auto *addVar = new QPushButton(tr("Add Variable"), this);
    addVar->setObjectName(QStringLiteral("addVariableButton"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeVariableButton"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("environmentButtons"));
    if (!d->unreadable.isEmpty()) {
        // What the dialog holds of a file it could not read is nothing: saving would erase it.
        buttons->button(QDialogButtonBox::Save)->setEnabled(false);
        m_error->setText(m_error->text()
            + tr("Saving is off so that %1 is not replaced: fix it in an editor, or remove it.")
                  .arg(d->unreadable.join(tr(" and "))));
    }
    auto *note = new QLabel(tr("Secret values go to %1 only: keep that file out of version control.")
                                .arg(QLatin1String(Environments::PrivateFile)),
        this);
    note->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Environment:"), this));
    top->addWidget(m_environment, 1);
    top->addWidget(addEnv);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(addVar);
    rowButtons->addWidget(remove);
    rowButtons->addStretch(1);
    layout->addLayout(rowButtons);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_environment, &QComboBox::currentIndexChanged, this, [this] {
        storeTable();
        showEnvironment();
    });
    connect(addEnv, &QPushButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("New Environment"), tr("Name:"));
        if (!name.trimmed().isEmpty())
            setEnvironment(name.trimmed());
    });
    connect(addVar, &QPushButton::clicked, this, [this] { addVariable(QString(), QString(), false); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != SecretColumn)
            return;
        QTableWidgetItem *value = m_table->item(item->row(), ValueColumn);
        if (!value)
            return;
        const bool secret = item->checkState() == Qt::Checked;
        const QString real = value->data(ValueRole).toString();
        value->setText(secret ? QString::fromUtf8(Mask) : real);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    d->shown = m_environment->currentText();
    showEnvironment();
}

EnvironmentDialog::~EnvironmentDialog() = default;

void EnvironmentDialog::setEnvironment(const QString &name)
{
    if (m_environment->findText(name) < 0)
        m_environment->addItem(name);
    m_environment->setCurrentText(name);
}

QString EnvironmentDialog::environment() const
{
    return m_environment->currentText();
}

// The real value lives in ValueRole; a secret's display text is only the mask, so it is never
// painted in clear. Signals are blocked so the Secret box's handler does not run on a half-built row.
void EnvironmentDialog::addVariable(const QString &name, const QString &value, bool secret)
{
    const QSignalBlocker block(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, NameColumn, new QTableWidgetItem(name));
    auto *valueItem = new QTableWidgetItem(secret ? QString::fromUtf8(Mask) : value);
    valueItem->setData(ValueRole, value);
    m_table->setItem(row, ValueColumn, valueItem);
    auto *secretItem = new QTableWidgetItem;
    secretItem->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    secretItem->setCheckState(secret ? Qt::Checked : Qt::Unchecked);
    secretItem->setToolTip(tr("Secret: masked here, stored in the private file only"));
    m_table->setItem(row, SecretColumn, secretItem);
    if (name.isEmpty())
        m_table->editItem(m_table->item(row, NameColumn));
}

// A name in the private file wins over the same name in the public one, as when requests are
// resolved, so each variable shows once, with the value that will be used.
void EnvironmentDialog::showEnvironment()
{
    d->shown = m_environment->currentText();
    m_table->setRowCount(0);
    const VariableMap pub = d->publicEnv.value(d->shown);
    const VariableMap priv = d->privateEnv.value(d->shown);
    for (auto it = pub.cbegin(); it != pub.cend(); ++it)
        if (!priv.contains(it.key()))
            addVariable(it.key(), it.value(), false);
    for (auto it = priv.cbegin(); it != priv.cend(); ++it)
        addVariable(it.key(), it.value(), true);
}

// Called before switching environments and before saving: the secret box decides which file
// a variable lands in, and an environment left with no variables is dropped from that file.
void EnvironmentDialog::storeTable()
{
    if (d->shown.isEmpty())
        return;
    VariableMap pub;
    VariableMap priv;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name
            = m_table->item(row, NameColumn) ? m_table->item(row, NameColumn)->text().trimmed() : QString();
        if (name.isEmpty())
            continue;
        const QString value = m_table->item(row, ValueColumn)->data(ValueRole).toString();
        (m_table->item(row, SecretColumn)->checkState() == Qt::Checked ? priv : pub).insert(name, value);
    }
    const auto put = [this](EnvironmentMap &map, const VariableMap &vars) {
        if (vars.isEmpty())
            map.remove(d->shown);
        else
            map.insert(d->shown, vars);
    };
    put(d->publicEnv, pub);
    put(d->privateEnv, priv);
}

// The private file is written first: when a variable has just become secret and the second write
// fails, its value is left in both files rather than lost from both.
bool EnvironmentDialog::save()
{
    if (!d->unreadable.isEmpty())
        return false; // see the constructor: never save over a file that could not be read
    storeTable();
    // Keep empty environments: a name just created must survive even before it has variables.
    for (int i = 0; i < m_environment->count(); ++i) {
        const QString envName = m_environment->itemText(i);
        if (envName != QLatin1String(Environments::Shared) && !d->publicEnv.contains(envName)
            && !d->privateEnv.contains(envName))
            d->publicEnv.insert(envName, {});
    }
    const QDir folder(d->dir);
    const auto write = [&](const char *name, const EnvironmentMap &map, FileStamp *stamp, bool isPrivate) {
        const QString path = folder.filePath(QLatin1String(name));
        if (map.isEmpty() && !stamp->exists)
            return true;
        const HttpFileStore::Saved saved = HttpFileStore::save(path, Environments::toJson(map), *stamp);
        if (saved.status != HttpFileStore::SaveStatus::Saved) {
            m_error->setText(saved.status == HttpFileStore::SaveStatus::Conflict
                    ? tr("%1 was changed by another program: close this dialog and open it again")
                          .arg(QLatin1String(name))
                    : tr("Could not write %1: %2").arg(QLatin1String(name), saved.error));
            m_error->show();
            return false;
        }
        *stamp = saved.stamp;
        if (isPrivate)
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return true;
    };
    if (!write(Environments::PrivateFile, d->privateEnv, &d->privateStamp, true)
        || !write(Environments::PublicFile, d->publicEnv, &d->publicStamp, false))
        return false;
    Q_EMIT saved();
    return true;
}

} // namespace verbscope::ui
