// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Settings.h"

class QPalette;

namespace verbscope::ui {

// Applies the theme and font size of File ▸ Settings to the whole application. Qt 6.4 has no
// colour-scheme API, so "dark" is a palette of our own on the Fusion style, and "follow system"
// puts back the palette, style and font the application started with.
class Theme
{
public:
    static void apply(Settings::Appearance appearance, int fontPointSize);
    static void applyFromSettings();
    static QPalette darkPalette();
    static QPalette lightPalette();
};

} // namespace verbscope::ui
