// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ImportDialog.h"

#include "core/collections/importers/Importer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

// The desktop face of `verbscope-cli import`: the same Importer and the same report lines; the
// owner (CollectionsPanel) reloads the tree on imported().
namespace verbscope::ui {

using namespace verbscope::collections;

ImportDialog::ImportDialog(const QString &intoDir, QWidget *parent)
    : QDialog(parent)
    , m_dir(intoDir)
    , m_file(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_run(new QPushButton(tr("Import"), this))
    , m_report(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import into %1").arg(QDir(intoDir).dirName()));
    resize(620, 420);
    m_file->setObjectName(QStringLiteral("importFileEdit"));
    m_format->setObjectName(QStringLiteral("importFormatCombo"));
    const QList<std::pair<QString, QString>> formats { { tr("Detect"), QStringLiteral("auto") },
        { QStringLiteral("Postman 2.x"), QStringLiteral("postman") },
        { QStringLiteral("Insomnia (v4 JSON/YAML, v5 YAML)"), QStringLiteral("insomnia") },
        { QStringLiteral("HAR 1.2"), QStringLiteral("har") }, { tr("curl command lines"), QStringLiteral("curl") },
        { tr(".http file"), QStringLiteral("http") } };
    for (const auto &[label, id] : formats)
        m_format->addItem(label, id);
    m_run->setObjectName(QStringLiteral("runImportButton"));
    m_report->setObjectName(QStringLiteral("importReport"));
    m_report->setReadOnly(true);
    m_report->setPlaceholderText(tr("The report of the import shows here."));
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("importBrowseButton"));
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto *form = new QFormLayout;
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Into:"), new QLabel(QDir::toNativeSeparators(intoDir), this));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_run, 0, Qt::AlignRight);
    layout->addWidget(m_report, 1);
    layout->addWidget(close);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Import"), QString(),
            tr("Collections (*.json *.yaml *.yml *.har *.txt *.sh *.curl *.http *.rest);;All files (*)"));
        if (!f.isEmpty())
            setFile(f);
    });
    connect(m_run, &QPushButton::clicked, this, &ImportDialog::runImport);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::setFile(const QString &path)
{
    m_file->setText(path);
}

QString ImportDialog::report() const
{
    return m_report->toPlainText();
}

// imported() is emitted even when some files could not be written, since others may have been:
// the tree must show whatever reached the disk.
bool ImportDialog::runImport()
{
    const QString path = m_file->text().trimmed();
    QFile f(path);
    if (path.isEmpty() || !f.open(QIODevice::ReadOnly)) {
        m_report->setPlainText(tr("Cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    Importer::Format format = Importer::Format::Auto;
    Importer::parseFormat(m_format->currentData().toString(), &format);
    ImportResult result = Importer::import(f.readAll(), path, format);
    if (!result.error.isEmpty()) {
        m_report->setPlainText(tr("Nothing imported: %1").arg(result.error));
        return false;
    }
    QStringList errors;
    const QStringList written = Importer::writeTo(result, m_dir, &errors);
    QStringList lines { tr("Imported %n request(s) from %1 (%2).", nullptr, result.requestCount())
                            .arg(QFileInfo(path).fileName(), result.format) };
    for (const QString &w : written)
        lines << tr("  wrote %1").arg(QDir(m_dir).relativeFilePath(w));
    if (result.issues.isEmpty()) {
        lines << tr("Everything was carried over.");
    } else {
        lines << tr("Not carried over as it was (%1):").arg(result.issues.size());
        for (const ImportIssue &i : std::as_const(result.issues))
            lines << QStringLiteral("  ") + i.toString();
    }
    if (!result.needsConsent.isEmpty()) {
        lines << tr("Sent only after you allow it, as these files were imported (%1):").arg(result.needsConsent.size());
        for (const QString &c : std::as_const(result.needsConsent))
            lines << QStringLiteral("  ") + c;
    }
    for (const QString &e : std::as_const(errors))
        lines << tr("Error: %1").arg(e);
    m_report->setPlainText(lines.join(QLatin1Char('\n')));
    Q_EMIT imported();
    return true;
}

} // namespace verbscope::ui
