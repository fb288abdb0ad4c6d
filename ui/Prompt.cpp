// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/Prompt.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

// Every "are you sure" of the app goes through here so GUI tests can answer it with a handler
// (setHandler) instead of a modal loop that would block QTest.
namespace verbscope::ui {

namespace {
Prompt::Handler &handler()
{
    static Prompt::Handler h;
    return h;
}
Prompt::InputHandler &inputHandler()
{
    static Prompt::InputHandler h;
    return h;
}
} // namespace

void Prompt::setInputHandler(InputHandler h)
{
    inputHandler() = std::move(h);
}

std::optional<QString> Prompt::input(QWidget *parent, const Input &input)
{
    if (inputHandler())
        return inputHandler()(parent, input);
    QDialog dialog(parent);
    dialog.setObjectName(input.id);
    dialog.setWindowTitle(input.title);
    auto *layout = new QVBoxLayout(&dialog);
    auto *label = new QLabel(input.label, &dialog);
    label->setWordWrap(true);
    auto *edit = new QLineEdit(input.value, &dialog);
    edit->setObjectName(QStringLiteral("promptValue"));
    edit->setEchoMode(input.masked ? QLineEdit::Password : QLineEdit::Normal);
    edit->selectAll();
    label->setBuddy(edit);
    layout->addWidget(label);
    layout->addWidget(edit);
    if (!input.note.isEmpty()) {
        auto *note = new QLabel(input.note, &dialog);
        note->setWordWrap(true);
        QFont small = note->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        note->setFont(small);
        layout->addWidget(note);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(qMax(dialog.sizeHint().width(), 380), dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return edit->text();
}

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
