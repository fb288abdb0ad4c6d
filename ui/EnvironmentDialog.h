// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QTableWidget;

namespace verbscope::ui {

// Edits the variables of a collection's environments. Values marked secret are masked on
// screen and written only to http-client.private.env.json (owner-only); the rest go to
// http-client.env.json. Both are saved atomically and not over someone else's changes.
class EnvironmentDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentDialog)
public:
    static constexpr const char *Mask = "••••••••";

    explicit EnvironmentDialog(const QString &dir, QWidget *parent = nullptr);
    ~EnvironmentDialog() override;

    void setEnvironment(const QString &name); // adds it when new
    QString environment() const;
    void addVariable(const QString &name, const QString &value, bool secret);
    bool save();

Q_SIGNALS:
    void saved();

private:
    struct Data;
    void showEnvironment();
    void storeTable();

    std::unique_ptr<Data> d;
    QComboBox *m_environment;
    QTableWidget *m_table;
    QLabel *m_error;
};

} // namespace verbscope::ui
