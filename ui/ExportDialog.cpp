// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ExportDialog.h"

#include "core/collections/exporters/Exporter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

// The desktop face of `verbscope-cli export`: the same Exporter with the same options, so a file
// exported here and one exported by the CLI are identical.
namespace verbscope::ui {

using namespace verbscope::collections;

ExportDialog::ExportDialog(const QString &collection, const QString &environment, QWidget *parent)
    : QDialog(parent)
    , m_collection(collection)
    , m_format(new QComboBox(this))
    , m_environment(new QComboBox(this))
    , m_secrets(new QCheckBox(tr("Include secrets (Authorization, cookies, private variables)"), this))
    , m_file(new QLineEdit(this))
    , m_report(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export %1").arg(QFileInfo(collection).fileName()));
    resize(620, 400);
    m_format->setObjectName(QStringLiteral("exportFormatCombo"));
    m_format->addItem(QStringLiteral("Postman 2.1"), QStringLiteral("postman"));
    m_format->addItem(QStringLiteral("HAR 1.2"), QStringLiteral("har"));
    m_format->addItem(tr("curl command lines"), QStringLiteral("curl"));
    m_format->addItem(tr("One .http file"), QStringLiteral("http"));
    m_format->addItem(QStringLiteral("Insomnia v4"), QStringLiteral("insomnia"));
    m_environment->setObjectName(QStringLiteral("exportEnvironmentCombo"));
    m_environment->setToolTip(tr("Resolves {{variables}} for HAR and curl, which have none"));
    m_environment->addItem(tr("(none)"), QString());
    const QFileInfo info(collection);
    for (const QString &n : Environments::load(info.isDir() ? info.absoluteFilePath() : info.absolutePath()).names())
        m_environment->addItem(n, n);
    m_environment->setCurrentIndex(std::max(0, m_environment->findData(environment)));
    m_secrets->setObjectName(QStringLiteral("exportSecretsCheck"));
    m_file->setObjectName(QStringLiteral("exportFileEdit"));
    m_report->setObjectName(QStringLiteral("exportReport"));
    m_report->setReadOnly(true);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *run = new QPushButton(tr("Export"), this);
    run->setObjectName(QStringLiteral("runExportButton"));
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Environment:"), m_environment);
    form->addRow(QString(), m_secrets);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("Save as:"), fileRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(run, 0, Qt::AlignRight);
    layout->addWidget(m_report, 1);
    layout->addWidget(close);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export"), m_file->text());
        if (!f.isEmpty())
            setFile(f);
    });
    connect(run, &QPushButton::clicked, this, &ExportDialog::runExport);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setFormat(const QString &id)
{
    m_format->setCurrentIndex(std::max(0, m_format->findData(id)));
}

void ExportDialog::setFile(const QString &path)
{
    m_file->setText(path);
}

QString ExportDialog::report() const
{
    return m_report->toPlainText();
}

// The collection is re-read from disk at export time, so what is exported is what was saved, not
// an unsaved edit in an open tab. QSaveFile leaves an older export whole if writing fails.
bool ExportDialog::runExport()
{
    Exporter::Format format = Exporter::Format::Postman;
    Exporter::parseFormat(m_format->currentData().toString(), &format);
    ExportOptions options;
    options.includeSecrets = m_secrets->isChecked();
    options.environment = m_environment->currentData().toString();
    // A request with a parse error is left out and named; the others are exported.
    const Collection loaded = Collection::load(m_collection);
    const QList<BrokenRequest> broken = loaded.brokenRequests();
    const Collection collection = loaded.readable();
    const ExportResult result = Exporter::exportCollection(collection, format, options);
    if (!result.error.isEmpty()) {
        m_report->setPlainText(tr("Nothing exported: %1").arg(result.error));
        return false;
    }
    const QString path = m_file->text().trimmed();
    QSaveFile f(path);
    if (path.isEmpty() || !f.open(QIODevice::WriteOnly) || f.write(result.data) != result.data.size() || !f.commit()) {
        m_report->setPlainText(tr("Could not write %1: %2").arg(path, f.errorString()));
        return false;
    }
    QStringList lines { tr("Exported %1 to %2.").arg(collection.name(), QDir::toNativeSeparators(path)) };
    for (const QString &w : result.warnings)
        lines << QStringLiteral("  ") + w;
    if (!broken.isEmpty())
        lines << tr("Not exported (%n request(s) that cannot be read):", nullptr, int(broken.size()));
    for (const BrokenRequest &b : broken)
        lines << QStringLiteral("  ") + b.toString();
    m_report->setPlainText(lines.join(QLatin1Char('\n')));
    return true;
}

} // namespace verbscope::ui
