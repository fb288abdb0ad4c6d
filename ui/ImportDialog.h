// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace verbscope::ui {

// Imports a Postman, Insomnia, HAR, curl or `.http` file into a collection folder and shows
// the report: what was written, and everything that could not be carried over as it was.
class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)
public:
    explicit ImportDialog(const QString &intoDir, QWidget *parent = nullptr);
    ~ImportDialog() override;

    void setFile(const QString &path);
    // Runs the import; returns false when nothing could be read. The report is shown either way.
    bool runImport();
    QString report() const;

Q_SIGNALS:
    void imported();

private:
    QString m_dir;
    QLineEdit *m_file;
    QComboBox *m_format;
    QPushButton *m_run;
    QPlainTextEdit *m_report;
};

} // namespace verbscope::ui
