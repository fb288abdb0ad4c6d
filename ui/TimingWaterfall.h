// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"
#include "ui/Theme.h"

#include <QWidget>

namespace verbscope::ui {

// The phases of each hop (DNS, connect, TLS, sending, waiting, receiving) as painted bars on
// one time axis, redirects first; phases the transport could not measure are left out.
class TimingWaterfall final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimingWaterfall)
public:
    struct Bar {
        QString label;
        double start = 0; // ms from the start of the exchange
        double end = 0;
        Theme::Role role = Theme::Role::TimingReceiving; // the phase's colour
    };

    explicit TimingWaterfall(QWidget *parent = nullptr);
    ~TimingWaterfall() override;

    void setExchange(const http::Exchange &exchange);
    void clear();
    const QList<Bar> &bars() const { return m_bars; }
    // The bars for one hop's timings, shifted by `offset` ms.
    static QList<Bar> barsFor(const http::Timings &t, double offset, const QString &prefix);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Bar> m_bars;
    double m_total = 0;
};

} // namespace verbscope::ui
