// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/AppServices.h"
#include "core/Settings.h"
#include "core/http/RequestSpec.h"
#include "tests/ui/uitesthelpers.h"
#include "ui/HistoryPanel.h"
#include "ui/MainWindow.h"
#include "ui/OptionsEditor.h"
#include "ui/SettingsDialog.h"
#include "ui/TabStore.h"
#include "ui/Theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace verbscope;
using verbscope::ui::SettingsDialog;
using Key = verbscope::Settings::Key;

namespace {
using verbscope::test::child;

void selectData(QComboBox *box, const QString &data)
{
    const int i = box->findData(data);
    QVERIFY(i >= 0);
    box->setCurrentIndex(i);
}

void setSpin(QSpinBox *spin, int value)
{
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(value));
    QCOMPARE(spin->value(), value);
}
} // namespace

class tst_SettingsDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        for (Key k : { Key::HistoryEnabled, Key::HistoryMaxEntries, Key::RequestTimeoutSeconds, Key::ProxyMode,
                 Key::ProxyUrl, Key::TlsVerify, Key::Theme, Key::FontSize })
            Settings().reset(k);
        ui::Theme::apply(Settings::Appearance::System, 0);
    }

    void defaultsAreShown()
    {
        Settings settings;
        SettingsDialog dialog(settings);
        QCOMPARE(child<QSpinBox>(&dialog, "settingsTimeout")->value(), 30);
        QCOMPARE(child<QComboBox>(&dialog, "settingsProxyMode")->currentData().toString(), QStringLiteral("system"));
        QVERIFY(!child<QLineEdit>(&dialog, "settingsProxyUrl")->isEnabled());
        QVERIFY(child<QCheckBox>(&dialog, "settingsTlsVerify")->isChecked());
        QCOMPARE(child<QComboBox>(&dialog, "settingsTheme")->currentData().toString(), QStringLiteral("system"));
        QCOMPARE(child<QSpinBox>(&dialog, "settingsHistoryMaxEntries")->value(), 100'000);
    }

    void persistsWhatTheUserSets()
    {
        Settings settings;
        SettingsDialog dialog(settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        setSpin(child<QSpinBox>(&dialog, "settingsTimeout"), 7);
        setSpin(child<QSpinBox>(&dialog, "settingsHistoryMaxEntries"), 500);
        selectData(child<QComboBox>(&dialog, "settingsProxyMode"), QStringLiteral("manual"));
        auto *proxy = child<QLineEdit>(&dialog, "settingsProxyUrl");
        QVERIFY(proxy->isEnabled());
        QTest::keyClicks(proxy, QStringLiteral("http://127.0.0.1:3128"));
        auto *tls = child<QCheckBox>(&dialog, "settingsTlsVerify");
        QTest::mouseClick(tls, Qt::LeftButton, {}, QPoint(tls->height() / 2, tls->height() / 2));
        QVERIFY(!tls->isChecked());
        QTest::mouseClick(child<QPushButton>(&dialog, "settingsOk"), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        // Stored in $VERBSCOPE_DATA_DIR/verbscope.ini, read back through the facade.
        QVERIFY(QFile::exists(qEnvironmentVariable("VERBSCOPE_DATA_DIR") + QStringLiteral("/verbscope.ini")));
        const Settings s;
        QCOMPARE(s.requestTimeoutSeconds(), 7);
        QCOMPARE(s.historyMaxEntries(), 500);
        QCOMPARE(s.proxyMode(), Settings::Proxy::Manual);
        QCOMPARE(s.proxyUrl(), QStringLiteral("http://127.0.0.1:3128"));
        QVERIFY(!s.tlsVerify());

        SettingsDialog again(settings);
        QCOMPARE(child<QSpinBox>(&again, "settingsTimeout")->value(), 7);
        QCOMPARE(child<QLineEdit>(&again, "settingsProxyUrl")->text(), QStringLiteral("http://127.0.0.1:3128"));
    }

    void newRequestsStartFromTheDefaults()
    {
        {
            Settings s;
            s.setValue(Key::RequestTimeoutSeconds, 12);
            s.setValue(Key::ProxyMode, QStringLiteral("none"));
            s.setValue(Key::TlsVerify, false);
        }
        ui::OptionsEditor editor;
        http::RequestOptions o;
        editor.apply(o);
        QCOMPARE(o.idleTimeoutMs, 12'000);
        QVERIFY(!o.verifyTls);
        QVERIFY(!o.useEnvironmentProxy);
        QVERIFY(o.proxy.isEmpty());

        Settings().setValue(Key::ProxyMode, QStringLiteral("manual"));
        Settings().setValue(Key::ProxyUrl, QStringLiteral("http://127.0.0.1:8080"));
        http::RequestOptions manual;
        Settings().applyRequestDefaults(manual);
        QCOMPARE(manual.proxy, QStringLiteral("http://127.0.0.1:8080"));
    }

    void handEditedNonsenseFallsBackToDefaults()
    {
        Settings s;
        s.setValue(Key::Theme, QStringLiteral("purple"));
        s.setValue(Key::ProxyMode, QStringLiteral("sometimes"));
        s.setValue(Key::RequestTimeoutSeconds, 0);
        QCOMPARE(s.theme(), Settings::Appearance::System);
        QCOMPARE(s.proxyMode(), Settings::Proxy::System);
        QCOMPARE(s.requestTimeoutSeconds(), 30);
        Settings settings;
        SettingsDialog dialog(settings);
        QCOMPARE(child<QComboBox>(&dialog, "settingsTheme")->currentData().toString(), QStringLiteral("system"));
    }

    void rejectsABadProxyUrl()
    {
        Settings settings;
        SettingsDialog dialog(settings);
        dialog.show();
        selectData(child<QComboBox>(&dialog, "settingsProxyMode"), QStringLiteral("manual"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "settingsProxyUrl"), QStringLiteral("proxy 3128"));
        QTest::mouseClick(child<QPushButton>(&dialog, "settingsOk"), Qt::LeftButton);
        QVERIFY(dialog.isVisible()); // not accepted
        QVERIFY(!child<QLabel>(&dialog, "settingsError")->isHidden());
        QCOMPARE(Settings().proxyMode(), Settings::Proxy::System); // nothing stored
    }

    void themeAndFontSizeChangeTheApplication()
    {
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        const int systemPointSize = QApplication::font().pointSize();
        Settings settings;
        SettingsDialog dialog(settings);
        dialog.show();
        selectData(child<QComboBox>(&dialog, "settingsTheme"), QStringLiteral("dark"));
        setSpin(child<QSpinBox>(&dialog, "settingsFontSize"), systemPointSize + 4);
        QTest::mouseClick(child<QPushButton>(&dialog, "settingsApply"), Qt::LeftButton);
        QVERIFY(dialog.isVisible()); // Apply keeps the dialog open
        QCOMPARE(QApplication::palette().color(QPalette::Window), ui::Theme::darkPalette().color(QPalette::Window));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QVERIFY(QApplication::palette().color(QPalette::Text).lightness() > 180);
        QCOMPARE(QApplication::font().pointSize(), systemPointSize + 4);
        // Widgets follow the application palette (through a posted event).
        QTRY_COMPARE(dialog.palette().color(QPalette::Window), ui::Theme::darkPalette().color(QPalette::Window));
        QCOMPARE(Settings().theme(), Settings::Appearance::Dark);

        selectData(child<QComboBox>(&dialog, "settingsTheme"), QStringLiteral("light"));
        QTest::mouseClick(child<QPushButton>(&dialog, "settingsApply"), Qt::LeftButton);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);

        // "Follow the system" and the default size put back what the application started with.
        QTest::mouseClick(child<QPushButton>(&dialog, "settingsDefaults"), Qt::LeftButton);
        QCOMPARE(child<QComboBox>(&dialog, "settingsTheme")->currentData().toString(), QStringLiteral("system"));
        QTest::mouseClick(child<QPushButton>(&dialog, "settingsApply"), Qt::LeftButton);
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
        QCOMPARE(QApplication::font().pointSize(), systemPointSize);
        QCOMPARE(Settings().theme(), Settings::Appearance::System);
    }

    void openViewsFollowTheDialogWithoutRebuild()
    {
        QFile::remove(ui::TabStore::defaultPath());
        verbscope::AppServices services;
        ui::MainWindow w(services);
        ui::HistoryPanel *panel = w.historyPanel();
        auto *problem = child<QLabel>(panel, "historyProblem");
        QVERIFY(problem->text().isEmpty());
        QVERIFY(services.recorder());
        QSignalSpy changed(&services.settings(), &Settings::changed);

        child<QAction>(&w, "settingsAction")->trigger();
        auto *dialog = w.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        auto *enabled = child<QCheckBox>(dialog, "settingsHistoryEnabled");
        QVERIFY(enabled->isChecked());
        enabled->setChecked(false);
        QTest::mouseClick(child<QPushButton>(dialog, "settingsApply"), Qt::LeftButton);

        // One signal for the one key changed; the same panel now says recording is off.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<Key>(), Key::HistoryEnabled);
        QCOMPARE(w.historyPanel(), panel);
        QVERIFY(problem->text().contains(QLatin1String("Recording is off")));
        QVERIFY(!problem->isHidden());
        QVERIFY(!services.recorder()); // and the window records nothing

        enabled->setChecked(true);
        QTest::mouseClick(child<QPushButton>(dialog, "settingsOk"), Qt::LeftButton);
        QVERIFY(problem->isHidden());
        QVERIFY(services.recorder());
        QCOMPARE(changed.size(), 2);
    }

    void fileMenuOpensSettings()
    {
        QFile::remove(ui::TabStore::defaultPath());
        verbscope::AppServices services;
        ui::MainWindow w(services);
        auto *action = child<QAction>(&w, "settingsAction");
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        action->trigger();
        auto *dialog = w.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->reject();
        action->trigger();
        QCOMPARE(w.findChildren<SettingsDialog *>().size(), 1);
    }
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
