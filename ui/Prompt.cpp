// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/Prompt.h"

#include <QMessageBox>
#include <QPushButton>

// Every "are you sure" of the app goes through here so GUI tests can answer it with a handler
// (setHandler) instead of a modal loop that would block QTest.
namespace verbscope::ui {

namespace {
Prompt::Handler &handler()
{
    static Prompt::Handler h;
    return h;
}
} // namespace

void Prompt::setHandler(Handler h)
{
    handler() = std::move(h);
}

// The last choice is taken to be the safe one (Cancel, Keep mine): it is the Escape button and
// the answer when the box is closed some other way; the first is the default button.
QString Prompt::ask(
    QWidget *parent, const QString &id, const QString &title, const QString &text, const QList<Choice> &choices)
{
    if (choices.isEmpty())
        return {};
    if (handler())
        return handler()(parent, id, title, text, choices);
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box.setObjectName(id);
    QList<QAbstractButton *> buttons;
    for (qsizetype i = 0; i < choices.size(); ++i) {
        const bool last = i == choices.size() - 1;
        QPushButton *b = box.addButton(choices.at(i).label, last ? QMessageBox::RejectRole : QMessageBox::AcceptRole);
        b->setObjectName(choices.at(i).id);
        buttons << b;
    }
    box.setEscapeButton(buttons.constLast());
    box.setDefaultButton(qobject_cast<QPushButton *>(buttons.constFirst()));
    box.exec();
    const qsizetype chosen = buttons.indexOf(box.clickedButton());
    return choices.at(chosen < 0 ? choices.size() - 1 : chosen).id;
}

bool Prompt::yesNo(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

bool Prompt::yesNoWarning(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::warning(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

} // namespace verbscope::ui
