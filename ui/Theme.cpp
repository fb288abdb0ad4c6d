// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/Theme.h"

#include <QApplication>
#include <QEvent>
#include <QFont>
#include <QPalette>
#include <QPointer>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

#include <array>
#include <cmath>
#include <memory>

namespace verbscope::ui {

namespace {
struct Original {
    QPalette palette;
    QFont font;
    QString style;
};

// What the platform gave us, captured before the first change so "follow system" can go back.
const Original &original()
{
    static const Original o { QApplication::palette(), QApplication::font(), QApplication::style()->name() };
    return o;
}

void setStyle(const QString &name)
{
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) != 0)
        if (QStyle *s = QStyleFactory::create(name))
            QApplication::setStyle(s);
}

// How a role's pair is made from its light or dark colour and the palette.
enum class Kind {
    Tint, // colour = background (a cell, a row, a banner); text in the palette's text colour
    Solid, // colour = background of a badge or chip; text in the palette's lightest colour
    Ink, // colour = text, on the palette's window (and its base: lists show it too)
    InkOnBase, // colour = text or a painted shape, on the palette's base (editors, tables)
    Plain, // the palette's own text on base; the colour is unused
};

struct Spec {
    Theme::Role role;
    const char *name;
    Kind kind;
    QRgb light;
    QRgb dark;
};

using R = Theme::Role;
// The two sets: light colours are the ones VerbScope always had (where they reached 4.5:1),
// dark ones are the same hues, dimmed as backgrounds or brightened as text.
constexpr std::array<Spec, size_t(R::Count)> Specs { {
    { R::VerdictSupported, "verdict-supported", Kind::Tint, 0xc8f0c8, 0x1f4d2b },
    { R::VerdictIgnored, "verdict-ignored", Kind::Tint, 0xecd4f4, 0x45284f },
    { R::VerdictNotAllowed, "verdict-not-allowed", Kind::Tint, 0xfce8b2, 0x574312 },
    { R::VerdictNotImplemented, "verdict-not-implemented", Kind::Tint, 0xf8c4c0, 0x5c2320 },
    { R::VerdictBadRequest, "verdict-bad-request", Kind::Tint, 0xf4d0c0, 0x5a3020 },
    { R::VerdictForbidden, "verdict-forbidden", Kind::Tint, 0xcceaf4, 0x1d4452 },
    { R::VerdictNotFound, "verdict-not-found", Kind::Tint, 0xcceaf4, 0x1d4452 },
    { R::VerdictAuthRequired, "verdict-auth-required", Kind::Tint, 0xcceaf4, 0x1d4452 },
    { R::VerdictLengthRequired, "verdict-length-required", Kind::Tint, 0xcceaf4, 0x1d4452 },
    { R::VerdictProxyError, "verdict-proxy-error", Kind::Tint, 0xcceaf4, 0x1d4452 },
    { R::VerdictServerError, "verdict-server-error", Kind::Tint, 0xcceaf4, 0x1d4452 },
    { R::VerdictTransportError, "verdict-transport-error", Kind::Tint, 0xdcdcdc, 0x3c3f44 },
    { R::VerdictOther, "verdict-other", Kind::Tint, 0xcceaf4, 0x1d4452 },
    { R::SeverityError, "severity-error", Kind::Solid, 0xc0392b, 0x9c2f25 },
    { R::SeverityWarning, "severity-warning", Kind::Solid, 0x9a6200, 0x7a5000 },
    { R::SeverityInfo, "severity-info", Kind::Solid, 0x2471a3, 0x1f5f8f },
    { R::DiffAdded, "diff-added", Kind::Tint, 0xd8f3dc, 0x1e4228 },
    { R::DiffRemoved, "diff-removed", Kind::Tint, 0xfddcdc, 0x4f2224 },
    { R::DiffChanged, "diff-changed", Kind::Tint, 0xfff1b8, 0x4d4318 },
    { R::DiffReordered, "diff-reordered", Kind::Tint, 0xdce8fc, 0x1f3552 },
    { R::DiffSame, "diff-same", Kind::Plain, 0, 0 },
    { R::DiffHunk, "diff-hunk", Kind::InkOnBase, 0x55559a, 0x9aa0e6 },
    { R::SyntaxKey, "syntax-key", Kind::InkOnBase, 0x1f4e9c, 0x7fb2f0 },
    { R::SyntaxString, "syntax-string", Kind::InkOnBase, 0x1e8449, 0x7fcf8f },
    { R::SyntaxNumber, "syntax-number", Kind::InkOnBase, 0xb05a00, 0xe5a15b },
    { R::SyntaxLiteral, "syntax-literal", Kind::InkOnBase, 0x8e44ad, 0xc98de0 },
    { R::SyntaxTag, "syntax-tag", Kind::InkOnBase, 0x1f4e9c, 0x7fb2f0 },
    { R::SyntaxAttribute, "syntax-attribute", Kind::InkOnBase, 0xb05a00, 0xe5a15b },
    { R::SyntaxComment, "syntax-comment", Kind::InkOnBase, 0x6c7778, 0x9da2a8 },
    { R::SyntaxVariable, "syntax-variable", Kind::InkOnBase, 0x8e44ad, 0xc98de0 },
    { R::SyntaxUnresolved, "syntax-unresolved", Kind::InkOnBase, 0xc0392b, 0xff8a80 },
    { R::BannerInfo, "banner-info", Kind::Tint, 0xeaf2fb, 0x1d3147 },
    { R::BannerWarning, "banner-warning", Kind::Tint, 0xfff6d6, 0x473c17 },
    { R::StatusNone, "status-none", Kind::Solid, 0x6c7778, 0x4d5356 },
    { R::StatusInformational, "status-informational", Kind::Solid, 0x7d3c98, 0x6a3182 },
    { R::StatusSuccess, "status-success", Kind::Solid, 0x1e8449, 0x1d6b3c },
    { R::StatusRedirect, "status-redirect", Kind::Solid, 0x2471a3, 0x1f5f8f },
    { R::StatusClientError, "status-client-error", Kind::Solid, 0xb84a00, 0x9a3d00 },
    { R::StatusServerError, "status-server-error", Kind::Solid, 0xc0392b, 0x9c2f25 },
    { R::TextError, "text-error", Kind::Ink, 0xb03427, 0xff8a80 },
    { R::TextWarning, "text-warning", Kind::Ink, 0x9a5c00, 0xf0b45a },
    { R::TextSuccess, "text-success", Kind::Ink, 0x1b7a43, 0x7fcf8f },
    { R::TextInfo, "text-info", Kind::Ink, 0x21689a, 0x7fb2f0 },
    { R::TextMuted, "text-muted", Kind::Ink, 0x5f6a6b, 0xa3a8ae },
    { R::TimingDns, "timing-dns", Kind::InkOnBase, 0x117864, 0x48c9b0 },
    { R::TimingConnect, "timing-connect", Kind::InkOnBase, 0xa8560c, 0xf0a35e },
    { R::TimingTls, "timing-tls", Kind::InkOnBase, 0x8e44ad, 0xc98de0 },
    { R::TimingSent, "timing-sent", Kind::InkOnBase, 0x1f6a9c, 0x6cb4ee },
    { R::TimingWaiting, "timing-waiting", Kind::InkOnBase, 0x1b7a43, 0x6fd08f },
    { R::TimingReceiving, "timing-receiving", Kind::InkOnBase, 0x34495e, 0xaab7c4 },
} };

constexpr bool specsInOrder()
{
    for (size_t i = 0; i < Specs.size(); ++i)
        if (size_t(Specs[i].role) != i)
            return false;
    return true;
}
static_assert(specsInOrder(), "one Spec per Role, in the enum's order");

// A little above 4.5, so rounding to 8-bit channels cannot take a pair below WCAG AA.
constexpr double Target = 4.6;
// Above this luminance black gives more contrast than white: sqrt(1.05 * 0.05) - 0.05.
constexpr double MidLuminance = 0.1791;

QColor mixed(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
        float(a.blueF() * (1 - t) + b.blueF() * t));
}

// Moves `moving` towards black or white, whichever side of `fixed` has room, until the pair
// reaches the target; keeps the hue as long as it can.
QColor awayFrom(const QColor &moving, const QColor &fixed)
{
    if (Theme::contrastRatio(moving, fixed) >= Target)
        return moving;
    const QColor extreme = Theme::relativeLuminance(fixed) > MidLuminance ? QColor(0, 0, 0) : QColor(255, 255, 255);
    for (int step = 1; step <= 40; ++step) {
        const QColor c = mixed(moving, extreme, step / 40.0);
        if (Theme::contrastRatio(c, fixed) >= Target)
            return c;
    }
    return extreme;
}

Theme::Colors readable(Theme::Colors c)
{
    c.foreground = awayFrom(c.foreground, c.background);
    if (Theme::contrastRatio(c.foreground, c.background) < Target)
        c.background = awayFrom(c.background, c.foreground);
    return c;
}

QString cssColor(const QColor &c)
{
    return c.name(QColor::HexRgb);
}

// Re-runs a colouring function on palette changes; a guard keeps the palette or style sheet it
// sets from calling it again.
class Follower final : public QObject
{
public:
    Follower(QWidget *widget, std::function<void()> apply, const char *key)
        : QObject(widget)
        , m_apply(std::move(apply))
    {
        setObjectName(QLatin1String(key));
        widget->installEventFilter(this);
    }

    void run()
    {
        if (m_running)
            return;
        m_running = true;
        m_apply();
        m_running = false;
    }

    void replace(std::function<void()> apply) { m_apply = std::move(apply); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == parent()
            && (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange))
            run();
        return false;
    }

private:
    std::function<void()> m_apply;
    bool m_running = false;
};
} // namespace

QPalette Theme::darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor disabled(0x80, 0x82, 0x86);
    const QColor highlight(0x35, 0x74, 0xf0);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, window.lighter(150));
    p.setColor(QPalette::Midlight, window.lighter(125));
    p.setColor(QPalette::Mid, window.lighter(110));
    p.setColor(QPalette::Dark, base.darker(150));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight.lighter(130));
    p.setColor(QPalette::LinkVisited, highlight.lighter(110));
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(130));
    return p;
}

QPalette Theme::lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion ? fusion->standardPalette() : QPalette();
}

void Theme::apply(Settings::Appearance appearance, int fontPointSize)
{
    const Original &o = original();
    switch (appearance) {
    case Settings::Appearance::System:
        setStyle(o.style);
        QApplication::setPalette(o.palette);
        break;
    case Settings::Appearance::Light:
        setStyle(QStringLiteral("Fusion")); // native styles may ignore the palette
        QApplication::setPalette(lightPalette());
        break;
    case Settings::Appearance::Dark:
        setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        break;
    }
    QFont font = o.font;
    if (fontPointSize > 0)
        font.setPointSize(fontPointSize);
    QApplication::setFont(font);
}

void Theme::applyFromSettings()
{
    const Settings settings;
    apply(settings.theme(), settings.fontSize());
}

// Dark when the surfaces are dark, whoever made the palette: ours, or the system's.
bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() + palette.color(QPalette::Base).lightness() < 256;
}

Theme::Colors Theme::colors(Role role, const QPalette &palette)
{
    const Spec &spec = Specs.at(size_t(role));
    const QColor own = QColor::fromRgb(isDark(palette) ? spec.dark : spec.light);
    const QColor window = palette.color(QPalette::Window);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    switch (spec.kind) {
    case Kind::Tint: return readable({ text, own });
    case Kind::Solid: {
        const QColor ink = relativeLuminance(base) > relativeLuminance(text) ? base : text;
        return readable({ ink, own });
    }
    case Kind::Ink: return { awayFrom(awayFrom(own, window), base), window };
    case Kind::InkOnBase: return readable({ own, base });
    case Kind::Plain: return readable({ text, base });
    }
    return { text, base };
}

Theme::Colors Theme::colors(Role role)
{
    return colors(role, QApplication::palette());
}

QString Theme::roleName(Role role)
{
    return QLatin1String(Specs.at(size_t(role)).name);
}

Theme::Role Theme::verdictRole(diagnosis::Verdict verdict)
{
    using diagnosis::Verdict;
    switch (verdict) {
    case Verdict::Supported: return Role::VerdictSupported;
    case Verdict::Ignored: return Role::VerdictIgnored;
    case Verdict::NotAllowed: return Role::VerdictNotAllowed;
    case Verdict::NotImplemented: return Role::VerdictNotImplemented;
    case Verdict::BadRequest: return Role::VerdictBadRequest;
    case Verdict::Forbidden: return Role::VerdictForbidden;
    case Verdict::NotFound: return Role::VerdictNotFound;
    case Verdict::AuthRequired: return Role::VerdictAuthRequired;
    case Verdict::LengthRequired: return Role::VerdictLengthRequired;
    case Verdict::ProxyError: return Role::VerdictProxyError;
    case Verdict::ServerError: return Role::VerdictServerError;
    case Verdict::TransportError:
    case Verdict::Inconclusive: return Role::VerdictTransportError;
    case Verdict::Other: break;
    }
    return Role::VerdictOther;
}

Theme::Role Theme::statusRole(int status)
{
    if (status >= 500)
        return Role::StatusServerError;
    if (status >= 400)
        return Role::StatusClientError;
    if (status >= 300)
        return Role::StatusRedirect;
    if (status >= 200)
        return Role::StatusSuccess;
    if (status >= 100)
        return Role::StatusInformational;
    return Role::StatusNone;
}

Theme::Role Theme::severityRole(diagnosis::Severity severity)
{
    switch (severity) {
    case diagnosis::Severity::Error: return Role::SeverityError;
    case diagnosis::Severity::Warning: return Role::SeverityWarning;
    case diagnosis::Severity::Info: break;
    }
    return Role::SeverityInfo;
}

double Theme::relativeLuminance(const QColor &colour)
{
    const auto linear = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor c = colour.toRgb();
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double Theme::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QString Theme::css(Role role, bool border)
{
    const Colors c = colors(role);
    const Kind kind = Specs.at(size_t(role)).kind;
    if (kind == Kind::Ink || kind == Kind::InkOnBase)
        return QStringLiteral("color: %1;").arg(cssColor(c.foreground));
    QString out = QStringLiteral("color: %1; background: %2;").arg(cssColor(c.foreground), cssColor(c.background));
    if (border) {
        const QColor edge = isDark(QApplication::palette()) ? c.background.lighter(160) : c.background.darker(125);
        out += QStringLiteral(" border: 1px solid %1;").arg(cssColor(edge));
    }
    return out;
}

QString Theme::htmlChip(Role role, const QString &escapedText)
{
    const Colors c = colors(role);
    return QStringLiteral("<span style='background:%1; color:%2'>&nbsp;%3&nbsp;</span>")
        .arg(cssColor(c.background), cssColor(c.foreground), escapedText);
}

void Theme::follow(QWidget *widget, const std::function<void()> &apply, const char *key)
{
    auto *follower = widget->findChild<Follower *>(QLatin1String(key), Qt::FindDirectChildrenOnly);
    if (follower)
        follower->replace(apply);
    else
        follower = new Follower(widget, apply, key);
    follower->run();
}

void Theme::setTextRole(QWidget *widget, Role role)
{
    follow(
        widget,
        [widget, role] {
            const QColor fg = colors(role, widget->palette()).foreground;
            QPalette p = widget->palette();
            if (p.color(QPalette::WindowText) == fg && p.color(QPalette::Text) == fg)
                return;
            p.setColor(QPalette::WindowText, fg);
            p.setColor(QPalette::Text, fg);
            widget->setPalette(p);
        },
        "textRole");
}

void Theme::resetTextRole(QWidget *widget)
{
    delete widget->findChild<Follower *>(QStringLiteral("textRole"), Qt::FindDirectChildrenOnly);
    widget->setPalette(QPalette());
}

void Theme::setStyleSheet(QWidget *widget, Role role, const QString &sheet, bool border)
{
    follow(
        widget,
        [widget, role, sheet, border] {
            const QString wanted = sheet.arg(css(role, border));
            if (widget->styleSheet() != wanted)
                widget->setStyleSheet(wanted);
        },
        "styleSheetRole");
}

} // namespace verbscope::ui
