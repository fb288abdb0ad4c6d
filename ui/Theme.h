// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Settings.h"
#include "core/diagnosis/Verdict.h"

#include <QColor>
#include <QPalette>

#include <functional>

class QWidget;

namespace verbscope::ui {

// Applies the theme and font size of File ▸ Settings to the whole application. Qt 6.4 has no
// colour-scheme API, so "dark" is a palette of our own on the Fusion style, and "follow system"
// puts back the palette, style and font the application started with.
//
// It is also the only place that knows colours: widgets ask for a Role and get a foreground and
// the background it is drawn on, from a light or a dark set chosen by the active palette's
// lightness, then nudged until the pair reaches WCAG AA (4.5:1) on whatever palette is active.
class Theme
{
public:
    enum class Role {
        // Verdict classes: the method matrix's cells.
        VerdictSupported,
        VerdictIgnored,
        VerdictNotAllowed,
        VerdictNotImplemented,
        VerdictBadRequest,
        VerdictForbidden,
        VerdictNotFound,
        VerdictAuthRequired,
        VerdictLengthRequired,
        VerdictProxyError,
        VerdictServerError,
        VerdictTransportError,
        VerdictOther,
        // The chip before a diagnosis finding.
        SeverityError,
        SeverityWarning,
        SeverityInfo,
        // Compare view rows and lines.
        DiffAdded,
        DiffRemoved,
        DiffChanged,
        DiffReordered,
        DiffSame,
        DiffHunk, // "@@ …" lines of a text diff
        // Body highlighter tokens, {{variables}} in the request editor.
        SyntaxKey,
        SyntaxString,
        SyntaxNumber,
        SyntaxLiteral,
        SyntaxTag,
        SyntaxAttribute,
        SyntaxComment,
        SyntaxVariable,
        SyntaxUnresolved,
        BannerInfo,
        BannerWarning,
        // The response's status badge, by class.
        StatusNone,
        StatusInformational,
        StatusSuccess,
        StatusRedirect,
        StatusClientError,
        StatusServerError,
        // Message text on a window or a list.
        TextError,
        TextWarning,
        TextSuccess,
        TextInfo,
        TextMuted,
        // Timing waterfall segments, drawn on the base colour.
        TimingDns,
        TimingConnect,
        TimingTls,
        TimingSent,
        TimingWaiting,
        TimingReceiving,
        Count
    };

    struct Colors {
        QColor foreground;
        QColor background;
    };

    static void apply(Settings::Appearance appearance, int fontPointSize);
    static void applyFromSettings();
    static QPalette darkPalette();
    static QPalette lightPalette();

    static bool isDark(const QPalette &palette);
    static Colors colors(Role role, const QPalette &palette);
    static Colors colors(Role role); // from the application's palette
    static QColor foreground(Role role) { return colors(role).foreground; }
    static QColor background(Role role) { return colors(role).background; }
    static QString roleName(Role role); // "verdict-supported", …

    static Role verdictRole(diagnosis::Verdict verdict);
    static Role statusRole(int status); // 0: no answer
    static Role severityRole(diagnosis::Severity severity);

    // WCAG 2.x relative luminance (0 black … 1 white) and contrast ratio (1 … 21).
    static double relativeLuminance(const QColor &colour);
    static double contrastRatio(const QColor &a, const QColor &b);

    // Style sheet and HTML fragments carrying a role's colours, so no widget spells a colour.
    static QString css(Role role, bool border = false); // "color: …; background: …;"
    static QString htmlChip(Role role, const QString &escapedText);

    // Calls `apply` now and whenever the widget's or the application's palette changes, so a
    // widget coloured by role follows a theme switch without being rebuilt. One per widget and
    // key: a second call with the same key replaces the first.
    static void follow(QWidget *widget, const std::function<void()> &apply, const char *key = "colours");
    // The widget's text (WindowText and Text) in a role's foreground, kept up to date.
    static void setTextRole(QWidget *widget, Role role);
    static void resetTextRole(QWidget *widget); // back to the palette's own text colour
    // The widget's style sheet with "%1" replaced by css(role, border), kept up to date.
    static void setStyleSheet(QWidget *widget, Role role, const QString &sheet, bool border = false);
};

} // namespace verbscope::ui
