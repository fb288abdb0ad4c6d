// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small helpers shared by the UI tests.

#include "ui/Prompt.h"
#include "ui/TabStore.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QTest>

namespace verbscope::test {

// A child found by objectName; says which one when it is missing, so a failing test names it.
template<typename T> T *child(QObject *root, const char *name)
{
    T *w = root->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no object named %s", name);
    return w;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
}

// A tabs.json with no tabs: the window starts empty instead of opening the demo on a first run.
inline void startWithoutTabs()
{
    writeFile(
        ui::TabStore::defaultPath(), "{\"format\":\"verbscope.tabs/1\",\"current\":0,\"tabs\":[],\"running\":false}");
}

inline void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    if (edit->completer() && edit->completer()->popup())
        edit->completer()->popup()->hide();
}

// Answers every Prompt with `answers[id]` (else its last, safe choice) and records what was asked.
class PromptAnswers
{
public:
    PromptAnswers()
    {
        ui::Prompt::setHandler([this](QWidget *, const QString &id, const QString &, const QString &text,
                                   const QList<ui::Prompt::Choice> &choices) {
            asked << id;
            texts << text;
            return answers.value(id, choices.constLast().id);
        });
    }
    ~PromptAnswers() { ui::Prompt::setHandler({}); }
    Q_DISABLE_COPY_MOVE(PromptAnswers)

    QHash<QString, QString> answers;
    QStringList asked;
    QStringList texts;
};

} // namespace verbscope::test
