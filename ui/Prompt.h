// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace verbscope::ui {

// The questions the app asks before it loses or overwrites work ("Save / Discard / Cancel",
// "Reload / Keep mine", "Restore draft / Discard"). The message box and its buttons carry
// object names; tests answer through a handler instead of a modal loop.
class Prompt
{
public:
    struct Choice {
        QString id; // also the button's objectName
        QString label;
    };
    // Returns the id chosen; closing the box picks the last choice, which must be the safe one.
    using Handler = std::function<QString(
        QWidget *parent, const QString &id, const QString &title, const QString &text, const QList<Choice> &choices)>;

    static QString ask(
        QWidget *parent, const QString &id, const QString &title, const QString &text, const QList<Choice> &choices);
    // Replaces the message box (tests); an empty handler restores it.
    static void setHandler(Handler handler);

    // A yes/no question before something that cannot be undone; true = go ahead. The views take
    // one as their Confirm (tests pass their own); these are the defaults, "No" the default
    // button and Escape. yesNoWarning shows the warning icon (unsafe requests).
    using Confirm = std::function<bool(QWidget *parent, const QString &title, const QString &text)>;
    static bool yesNo(QWidget *parent, const QString &title, const QString &text);
    static bool yesNoWarning(QWidget *parent, const QString &title, const QString &text);

    // One line of text (a `# @prompt` variable): the value, or nothing when cancelled. `masked`
    // hides what is typed (passwords, tokens). The dialog is `id`, its line edit "promptValue".
    struct Input {
        QString id;
        QString title;
        QString label;
        QString value; // shown first, selected
        QString note; // a smaller line under the field
        bool masked = false;
    };
    using InputHandler = std::function<std::optional<QString>(QWidget *parent, const Input &input)>;
    static std::optional<QString> input(QWidget *parent, const Input &input);
    static void setInputHandler(InputHandler handler);
};

} // namespace verbscope::ui
