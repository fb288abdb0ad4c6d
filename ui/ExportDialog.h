// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace verbscope::ui {

// Exports a collection as Postman 2.1, HAR 1.2, curl command lines or one `.http` file.
// Secrets stay REDACTED unless asked for; the warnings of the export are shown.
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)
public:
    ExportDialog(const QString &collection, const QString &environment, QWidget *parent = nullptr);
    ~ExportDialog() override;

    void setFormat(const QString &id); // postman, har, curl, http
    void setFile(const QString &path);
    bool runExport();
    QString report() const;

private:
    QString m_collection;
    QComboBox *m_format;
    QComboBox *m_environment;
    QCheckBox *m_secrets;
    QLineEdit *m_file;
    QPlainTextEdit *m_report;
};

} // namespace verbscope::ui
