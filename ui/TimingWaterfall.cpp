// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/TimingWaterfall.h"

#include <QPainter>

#include <algorithm>

// ResponseView's Timing page. It only paints what the transport measured; it never estimates a
// missing phase, so a reused connection, which has no DNS or connect phase, shows no bar for them.
namespace verbscope::ui {

namespace {
constexpr int RowHeight = 22;
constexpr int LabelWidth = 190;
constexpr int Margin = 10;
} // namespace

TimingWaterfall::TimingWaterfall(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timingWaterfall"));
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

TimingWaterfall::~TimingWaterfall() = default;

QList<TimingWaterfall::Bar> TimingWaterfall::barsFor(const http::Timings &t, double offset, const QString &prefix)
{
    // Each mark ends a phase that began at the previous measured mark.
    const struct {
        const std::optional<double> &mark;
        const char *label;
        Theme::Role role;
    } phases[] = {
        { t.dns, QT_TR_NOOP("DNS lookup"), Theme::Role::TimingDns },
        { t.connect, QT_TR_NOOP("TCP connect"), Theme::Role::TimingConnect },
        { t.tls, QT_TR_NOOP("TLS handshake"), Theme::Role::TimingTls },
        { t.sent, QT_TR_NOOP("Request sent"), Theme::Role::TimingSent },
        { t.firstByte, QT_TR_NOOP("Waiting (first byte)"), Theme::Role::TimingWaiting },
        { t.total, QT_TR_NOOP("Receiving body"), Theme::Role::TimingReceiving },
    };
    QList<Bar> bars;
    double previous = 0;
    for (const auto &p : phases) {
        if (!p.mark)
            continue;
        const double end = std::max(previous, *p.mark);
        bars.append({ prefix + tr(p.label), offset + previous, offset + end, p.role });
        previous = end;
    }
    return bars;
}

// Each redirect hop is measured from its own start, so hops are laid end to end on one axis in the
// order they happened.
void TimingWaterfall::setExchange(const http::Exchange &ex)
{
    m_bars.clear();
    double offset = 0;
    int hop = 1;
    for (const http::Hop &h : ex.redirects) {
        const QList<Bar> bars = barsFor(h.timings, offset, tr("hop %1 · ").arg(hop++));
        m_bars += bars;
        if (!bars.isEmpty())
            offset = bars.constLast().end;
    }
    http::Timings last = ex.timings;
    if (last.total && !ex.redirects.isEmpty())
        last.total = *last.total - offset; // the final hop's total spans the whole exchange
    m_bars += barsFor(last, offset, ex.redirects.isEmpty() ? QString() : tr("hop %1 · ").arg(hop));
    m_total = 0;
    for (const Bar &b : std::as_const(m_bars))
        m_total = std::max(m_total, b.end);
    updateGeometry();
    update();
}

void TimingWaterfall::clear()
{
    m_bars.clear();
    m_total = 0;
    update();
}

QSize TimingWaterfall::sizeHint() const
{
    return { 600, Margin * 2 + RowHeight * int(std::max<qsizetype>(2, m_bars.size() + 1)) };
}

// A bar is at least 2 px wide so a sub-millisecond phase stays visible next to a long download.
void TimingWaterfall::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_bars.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No timings yet: send a request."));
        return;
    }
    const int axisWidth = std::max(50, width() - LabelWidth - 2 * Margin - 70);
    const double scale = m_total > 0 ? axisWidth / m_total : 0;
    int y = Margin;
    for (const Bar &b : std::as_const(m_bars)) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(Margin, y, LabelWidth - 8, RowHeight), Qt::AlignVCenter | Qt::AlignRight, b.label);
        const double barLeft = Margin + LabelWidth + b.start * scale;
        const double barWidth = std::max(2.0, (b.end - b.start) * scale);
        p.setPen(Qt::NoPen);
        p.setBrush(Theme::colors(b.role, palette()).foreground);
        p.drawRoundedRect(QRectF(barLeft, y + 4, barWidth, RowHeight - 8), 3, 3);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(barLeft + barWidth + 6, y, 90, RowHeight), Qt::AlignVCenter | Qt::AlignLeft,
            QStringLiteral("%1 ms").arg(b.end - b.start, 0, 'f', 1));
        y += RowHeight;
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(Margin + LabelWidth, y + 4, Margin + LabelWidth + axisWidth, y + 4);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(Margin + LabelWidth, y + 4, axisWidth, RowHeight), Qt::AlignRight | Qt::AlignTop,
        tr("total %1 ms").arg(m_total, 0, 'f', 1));
}

} // namespace verbscope::ui
