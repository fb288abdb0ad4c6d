// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/Theme.h"

#include <QAbstractTableModel>

namespace verbscope::diagnosis {
class MethodProbe;
struct ProbeCell;
struct ServerProbe;
} // namespace verbscope::diagnosis

namespace verbscope::ui {

// The method matrix of a running or finished MethodProbe: one row per method, one column per
// server, and a last row with each server's summary. Cells update as their answers arrive.
class MatrixModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixModel)
public:
    enum Role {
        VerdictRole = Qt::UserRole + 1, // "not-allowed", "not-implemented"…; empty while pending
        StatusRole, // int; 0 while pending or without an answer
        DoneRole, // bool
        SummaryRole, // bool: the summary row
        SupportRole, // "supported", "refused", "inconclusive"; empty while pending
        ModeRole, // "safe", "guarded", "unsafe": how the cell was sent
    };

    explicit MatrixModel(QObject *parent = nullptr);
    ~MatrixModel() override;

    // Follows `probe` (not owned) from now on; nullptr empties the model.
    void setProbe(const diagnosis::MethodProbe *probe);
    const diagnosis::MethodProbe *probe() const { return m_probe; }
    // The cell behind `index`, nullptr for the summary row and invalid indexes.
    const diagnosis::ProbeCell *cell(const QModelIndex &index) const;
    bool isSummaryRow(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The colour of a finished cell: what it proves, then its verdict (the legend of MatrixView).
    static Theme::Role cellRole(const diagnosis::ProbeCell &cell);
    static QString cellToolTip(const diagnosis::ProbeCell &cell);
    static QString summaryText(const diagnosis::ServerProbe &server, bool finished);
    static QString summaryToolTip(const diagnosis::ServerProbe &server);

private:
    const QList<diagnosis::ServerProbe> &servers() const;

    const diagnosis::MethodProbe *m_probe = nullptr; // its owner resets the model before deleting it
};

} // namespace verbscope::ui
