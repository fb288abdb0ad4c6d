// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/SettingsDialog.h"

#include "core/Settings.h"
#include "ui/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

// Writes only through the Settings facade it is given (never its own QSettings keys); the
// services and views follow Settings::changed(), so this dialog does not notify anyone itself.
namespace verbscope::ui {

using Key = Settings::Key;

namespace {
template<typename T> T *named(T *widget, const char *name)
{
    widget->setObjectName(QLatin1String(name));
    return widget;
}

QSpinBox *spin(const char *name, int min, int max, const QString &suffix, const QString &special, QWidget *parent)
{
    auto *s = named(new QSpinBox(parent), name);
    s->setRange(min, max);
    s->setSuffix(suffix);
    s->setSpecialValueText(special);
    return s;
}
} // namespace

SettingsDialog::SettingsDialog(Settings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_historyEnabled(named(new QCheckBox(tr("Record every exchange in the history"), this), "settingsHistoryEnabled"))
    , m_historyMaxEntries(spin("settingsHistoryMaxEntries", 0, 10'000'000, QString(), tr("no limit"), this))
    , m_historyMaxAge(spin("settingsHistoryMaxAge", 0, 36'500, tr(" days"), tr("no limit"), this))
    , m_historyMask(
          named(new QCheckBox(tr("Mask secrets (Authorization, Cookie…) before storing"), this), "settingsHistoryMask"))
    , m_timeout(spin("settingsTimeout", 1, 3600, tr(" s"), QString(), this))
    , m_proxyMode(named(new QComboBox(this), "settingsProxyMode"))
    , m_proxyUrl(named(new QLineEdit(this), "settingsProxyUrl"))
    , m_tlsVerify(named(new QCheckBox(tr("Verify TLS certificates"), this), "settingsTlsVerify"))
    , m_theme(named(new QComboBox(this), "settingsTheme"))
    , m_fontSize(spin("settingsFontSize", 0, 32, tr(" pt"), tr("system default"), this))
    , m_error(named(new QLabel(this), "settingsError"))
    , m_buttons(named(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply
                              | QDialogButtonBox::RestoreDefaults,
                          this),
          "settingsButtons"))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings — VerbScope"));
    m_proxyMode->addItem(tr("System (http_proxy, https_proxy, no_proxy)"), Settings::proxyId(Settings::Proxy::System));
    m_proxyMode->addItem(tr("None (always connect directly)"), Settings::proxyId(Settings::Proxy::None));
    m_proxyMode->addItem(tr("Manual"), Settings::proxyId(Settings::Proxy::Manual));
    m_proxyUrl->setPlaceholderText(QStringLiteral("http://proxy.example:3128"));
    m_theme->addItem(tr("Follow the system"), Settings::themeId(Settings::Appearance::System));
    m_theme->addItem(tr("Light"), Settings::themeId(Settings::Appearance::Light));
    m_theme->addItem(tr("Dark"), Settings::themeId(Settings::Appearance::Dark));
    Theme::setTextRole(m_error, Theme::Role::TextError);
    m_error->setWordWrap(true);
    m_error->hide();
    m_buttons->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("settingsApply"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("settingsOk"));
    m_buttons->button(QDialogButtonBox::RestoreDefaults)->setObjectName(QStringLiteral("settingsDefaults"));

    auto *history = new QGroupBox(tr("History"), this);
    auto *historyForm = new QFormLayout(history);
    historyForm->addRow(QString(), m_historyEnabled);
    historyForm->addRow(tr("Keep at most"), m_historyMaxEntries);
    historyForm->addRow(tr("Drop entries older than"), m_historyMaxAge);
    historyForm->addRow(QString(), m_historyMask);

    auto *requests = new QGroupBox(tr("New requests"), this);
    auto *requestForm = new QFormLayout(requests);
    requestForm->addRow(tr("Idle timeout"), m_timeout);
    requestForm->addRow(tr("Proxy"), m_proxyMode);
    requestForm->addRow(tr("Proxy URL"), m_proxyUrl);
    requestForm->addRow(QString(), m_tlsVerify);
    auto *note = new QLabel(
        tr("New tabs and the method matrix start from these; open tabs keep their own options."), requests);
    note->setWordWrap(true);
    Theme::setTextRole(note, Theme::Role::TextMuted);
    requestForm->addRow(note);

    auto *appearance = new QGroupBox(tr("Appearance"), this);
    auto *appearanceForm = new QFormLayout(appearance);
    appearanceForm->addRow(tr("Theme"), m_theme);
    appearanceForm->addRow(tr("Font size"), m_fontSize);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(history);
    layout->addWidget(requests);
    layout->addWidget(appearance);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_proxyMode, &QComboBox::currentIndexChanged, this,
        [this] { m_proxyUrl->setEnabled(m_proxyMode->currentData() == Settings::proxyId(Settings::Proxy::Manual)); });
    connect(m_historyEnabled, &QCheckBox::toggled, this, [this](bool on) {
        for (QWidget *w : std::initializer_list<QWidget *> { m_historyMaxEntries, m_historyMaxAge, m_historyMask })
            w->setEnabled(on);
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
        &SettingsDialog::restoreDefaults);
    load();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::load()
{
    const Settings &s = m_settings;
    m_historyEnabled->setChecked(s.historyEnabled());
    m_historyMaxEntries->setValue(s.historyMaxEntries());
    m_historyMaxAge->setValue(s.historyMaxAgeDays());
    m_historyMask->setChecked(s.historyMaskSecrets());
    m_timeout->setValue(s.requestTimeoutSeconds());
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(Settings::proxyId(s.proxyMode())));
    m_proxyUrl->setText(s.proxyUrl());
    m_proxyUrl->setEnabled(s.proxyMode() == Settings::Proxy::Manual);
    m_tlsVerify->setChecked(s.tlsVerify());
    m_theme->setCurrentIndex(m_theme->findData(Settings::themeId(s.theme())));
    m_fontSize->setValue(s.fontSize());
    m_error->hide();
}

// Fills the form only: nothing is stored until Apply or OK, so Cancel still undoes it.
void SettingsDialog::restoreDefaults()
{
    auto def = [](Key k) { return Settings::defaultValue(k); };
    m_historyEnabled->setChecked(def(Key::HistoryEnabled).toBool());
    m_historyMaxEntries->setValue(def(Key::HistoryMaxEntries).toInt());
    m_historyMaxAge->setValue(def(Key::HistoryMaxAgeDays).toInt());
    m_historyMask->setChecked(def(Key::HistoryMaskSecrets).toBool());
    m_timeout->setValue(def(Key::RequestTimeoutSeconds).toInt());
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(def(Key::ProxyMode)));
    m_proxyUrl->setText(def(Key::ProxyUrl).toString());
    m_tlsVerify->setChecked(def(Key::TlsVerify).toBool());
    m_theme->setCurrentIndex(m_theme->findData(def(Key::Theme)));
    m_fontSize->setValue(def(Key::FontSize).toInt());
}

// The proxy URL is checked before anything is stored, so a bad one never reaches the engine; the
// theme is applied even when the file cannot be written, and the error is shown instead.
bool SettingsDialog::apply()
{
    const bool manual = m_proxyMode->currentData() == Settings::proxyId(Settings::Proxy::Manual);
    const QString proxy = m_proxyUrl->text().trimmed();
    const QUrl proxyUrl(proxy);
    if (manual
        && (!proxyUrl.isValid() || proxyUrl.host().isEmpty()
            || (proxyUrl.scheme() != QLatin1String("http") && proxyUrl.scheme() != QLatin1String("https")))) {
        m_error->setText(tr("The proxy URL must look like http://host:port."));
        m_error->show();
        m_proxyUrl->setFocus();
        return false;
    }
    m_error->hide();
    Settings &s = m_settings;
    s.setValue(Key::HistoryEnabled, m_historyEnabled->isChecked());
    s.setValue(Key::HistoryMaxEntries, m_historyMaxEntries->value());
    s.setValue(Key::HistoryMaxAgeDays, m_historyMaxAge->value());
    s.setValue(Key::HistoryMaskSecrets, m_historyMask->isChecked());
    s.setValue(Key::RequestTimeoutSeconds, m_timeout->value());
    s.setValue(Key::ProxyMode, m_proxyMode->currentData());
    s.setValue(Key::ProxyUrl, proxy);
    s.setValue(Key::TlsVerify, m_tlsVerify->isChecked());
    s.setValue(Key::Theme, m_theme->currentData());
    s.setValue(Key::FontSize, m_fontSize->value());
    s.sync();
    // From the form, not the file: a file that cannot be written still gets the look asked for.
    Settings::Appearance theme = Settings::Appearance::System;
    for (Settings::Appearance a : { Settings::Appearance::Light, Settings::Appearance::Dark })
        if (m_theme->currentData() == Settings::themeId(a))
            theme = a;
    Theme::apply(theme, m_fontSize->value());
    if (!s.isWritable()) { // a damaged settings file is never overwritten
        m_error->setText(s.notice());
        m_error->show();
        return false;
    }
    return true;
}

// OK closes only when Apply succeeded, so a rejected proxy URL keeps the dialog open to be fixed.
void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace verbscope::ui
