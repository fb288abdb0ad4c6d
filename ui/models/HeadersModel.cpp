// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/HeadersModel.h"

#include "core/http/HttpSyntax.h"

#include <QFont>

// Used by ResponseView's Headers page. It shows Exchange headers as stored and never merges or
// sorts them: that is the point of the wire transport (Qt merges duplicates, QT-FACTS A2).
namespace verbscope::ui {

HeadersModel::HeadersModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

HeadersModel::~HeadersModel() = default;

void HeadersModel::setHeaders(const http::HeaderList &headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

int HeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int HeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

// Names and values are bytes from the server, possibly not UTF-8 and with control bytes;
// escapeBytes() makes them visible instead of letting them vanish or break the row.
QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const http::Header &h = m_headers.at(index.row());
    const QByteArray &bytes = index.column() == Name ? h.name : h.value;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return http::escapeBytes(bytes);
    case Qt::ToolTipRole:
        // Values can be long (cookies, CSP): the tooltip shows them whole.
        return index.column() == Value ? http::escapeBytes(bytes) : QVariant();
    case Qt::FontRole:
        if (index.column() == Name) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    default: return {};
    }
}

// Row numbers on the vertical header give the field's position on the wire, which matters once
// duplicates and order are kept.
QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return section == Name ? tr("Name") : tr("Value");
}

} // namespace verbscope::ui
