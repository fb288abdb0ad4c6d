// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace verbscope {
class Settings;
}

namespace verbscope::ui {

// File ▸ Settings: the typed Settings facade as a form. History retention, the defaults new
// requests start from (timeout, proxy, TLS) and the appearance (theme, font size), which
// Apply and OK put into effect at once. It writes through `settings`, whose changed() signal
// the open views follow.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(Settings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void load(); // from the stored settings
    bool apply(); // stores and applies; false (reason shown) when a field is invalid
    void restoreDefaults(); // fills the form with the defaults, stores nothing

    void accept() override;

private:
    Settings &m_settings;
    QCheckBox *m_historyEnabled;
    QSpinBox *m_historyMaxEntries;
    QSpinBox *m_historyMaxAge;
    QCheckBox *m_historyMask;
    QSpinBox *m_timeout;
    QComboBox *m_proxyMode;
    QLineEdit *m_proxyUrl;
    QCheckBox *m_tlsVerify;
    QComboBox *m_theme;
    QSpinBox *m_fontSize;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace verbscope::ui
