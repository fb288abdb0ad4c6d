// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Headers.h"

#include <QAbstractTableModel>

namespace verbscope::ui {

// Header fields exactly as received, one row per field: duplicates stay separate rows,
// order and case are kept, values are shown byte-faithfully (control bytes escaped).
class HeadersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadersModel)
public:
    enum Column { Name, Value, ColumnCount };

    explicit HeadersModel(QObject *parent = nullptr);
    ~HeadersModel() override;

    void setHeaders(const http::HeaderList &headers);
    const http::HeaderList &headers() const { return m_headers; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    http::HeaderList m_headers;
};

} // namespace verbscope::ui
