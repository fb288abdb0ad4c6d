// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CookiesDialog.h"

#include "core/http/CookieJar.h"
#include "core/http/CookieJarStore.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace verbscope::ui {

namespace {
enum Column { Domain, Path, Name, Value, Expires, Secure, HttpOnly, SameSite, ColumnCount };
} // namespace

CookiesDialog::CookiesDialog(http::CookieJarStore &store, const QString &environment, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_environment(environment)
    , m_title(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_clear(new QPushButton(tr("C&lear All"), this))
{
    setObjectName(QStringLiteral("cookiesDialog"));
    setWindowTitle(tr("Cookies"));
    m_title->setObjectName(QStringLiteral("cookiesTitle"));
    m_title->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("cookiesTable"));
    m_table->setHorizontalHeaderLabels({ tr("Domain"), tr("Path"), tr("Name"), tr("Value"), tr("Expires"), tr("Secure"),
        tr("HttpOnly"), tr("SameSite") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_delete->setObjectName(QStringLiteral("cookiesDelete"));
    m_clear->setObjectName(QStringLiteral("cookiesClear"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_delete, QDialogButtonBox::ActionRole);
    buttons->addButton(m_clear, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_delete, &QPushButton::clicked, this, &CookiesDialog::deleteSelected);
    connect(m_clear, &QPushButton::clicked, this, &CookiesDialog::clearAll);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
        [this] { m_delete->setEnabled(!m_table->selectedItems().isEmpty()); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(860, 360);
    refresh();
}

CookiesDialog::~CookiesDialog() = default;

void CookiesDialog::refresh()
{
    const auto jar = m_store.jar(m_environment);
    const QString which = m_environment.isEmpty() ? tr("requests without an environment")
                                                  : tr("the environment “%1”").arg(m_environment);
    QString title = tr("The cookie jar of %1: sent with each of its requests unless it says # @no-cookie-jar. "
                       "Stored in %2 (Netscape format, as curl -b reads it).")
                        .arg(which, m_store.fileFor(m_environment));
    if (const QString error = m_store.loadError(m_environment); !error.isEmpty())
        title += QLatin1Char('\n') + tr("The file could not be read: %1").arg(error);
    m_title->setText(title);
    const QList<http::Cookie> cookies = jar->cookies();
    m_table->setRowCount(int(cookies.size()));
    const auto yes = [](bool b) { return b ? tr("yes") : QString(); };
    for (int row = 0; row < cookies.size(); ++row) {
        const http::Cookie &c = cookies.at(row);
        const QStringList cells { c.hostOnly ? c.domain : QLatin1Char('.') + c.domain, c.path,
            QString::fromLatin1(c.name), QString::fromLatin1(c.value),
            c.isSession() ? tr("session") : c.expires.toLocalTime().toString(Qt::ISODate), yes(c.secure),
            yes(c.httpOnly), c.sameSite };
        for (int col = 0; col < ColumnCount; ++col)
            m_table->setItem(row, col, new QTableWidgetItem(cells.at(col)));
        // The key the jar knows the cookie by, whatever the shown text.
        m_table->item(row, Domain)->setData(Qt::UserRole, c.domain);
    }
    m_table->resizeColumnsToContents();
    m_delete->setEnabled(false);
    m_clear->setEnabled(!cookies.isEmpty());
}

void CookiesDialog::deleteSelected()
{
    const auto jar = m_store.jar(m_environment);
    QList<int> rows;
    for (const QTableWidgetItem *item : m_table->selectedItems())
        if (!rows.contains(item->row()))
            rows << item->row();
    for (int row : std::as_const(rows))
        jar->remove(m_table->item(row, Name)->text().toLatin1(),
            m_table->item(row, Domain)->data(Qt::UserRole).toString(), m_table->item(row, Path)->text());
    save();
}

void CookiesDialog::clearAll()
{
    m_store.jar(m_environment)->clear();
    save();
}

void CookiesDialog::save()
{
    QString error;
    if (!m_store.save(m_environment, &error))
        m_title->setText(tr("Could not save the cookies: %1").arg(error));
    refresh();
}

} // namespace verbscope::ui
