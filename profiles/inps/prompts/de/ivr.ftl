# Prompts of the INPS IVR flows (profiles/inps/flows), German. Same message ids as it/ivr.ftl.

## Common

no-input = Ich habe leider keine Antwort gehört.
no-match = Diese Auswahl ist leider nicht gültig.
digits-no-input = Ich habe leider keine Ziffern erhalten.
digits-no-match = Die eingegebene Nummer ist nicht vollständig.
goodbye = Vielen Dank für Ihren Anruf beim INPS. Auf Wiederhören.
goodbye-no-choice = Wir konnten keine gültige Auswahl erhalten. Bitte rufen Sie erneut an. Auf Wiederhören.
service-error = Dieser Dienst ist im Moment leider nicht verfügbar. Bitte versuchen Sie es später noch einmal.

## Language and welcome (R-LANG-1)

language-offer = Für Deutsch drücken Sie die 2.
welcome = Willkommen beim Contact Center des INPS, der italienischen Sozialversicherungsanstalt.

## Main menu

need-ask = Sagen Sie uns bitte kurz, was Sie benötigen, zum Beispiel: Stand meines Antrags, NASpI, Rente. Oder drücken Sie die 1 für die automatischen Dienste, rund um die Uhr verfügbar; die 2 für Informationen; die 3, um mit einem Mitarbeiter zu sprechen. Um die Sprache zu wechseln, drücken Sie die 9.

## Information (R-INFO-1, R-INFO-2)

info-menu-1 = Informationen. Für die NASpI drücken Sie die 1. Für die einheitliche Kinderzulage, Assegno unico, die 2. Für Mutterschafts- und Vaterschaftsurlaub die 3. Für Elternzeit die 4. Für das Eingliederungsgeld, Assegno di inclusione, die 5. Für die Unterstützung für Ausbildung und Arbeit die 6. Für Krankengeld die 7. Für den Kita-Bonus die 8. Für weitere Themen die 9. Zurück zum Hauptmenü mit der Stern-Taste.
info-menu-2 = Für die PIN und die Zugangsdaten zu den Online-Diensten drücken Sie die 1. Für die Vollmacht für Ihre digitale Identität die 2. Für den europäischen Behindertenausweis die 3. Für den Video-Leitfaden für neue Rentner die 4. Für den vergünstigten Nachkauf von Studienzeiten die 5. Für Benachrichtigungen der App IO zu den Beitragsfristen für Hausangestellte die 6. Für Benachrichtigungen der App IO zu Anfragen bei INPS Linea die 7. Für die PIN für Vermittler und Unternehmen die 8. Zurück zum vorherigen Menü mit der Stern-Taste.

## Agents (R-ROUTE-1, R-ROUTE-2, R-HOURS-1, R-HOURS-2, R-HOURS-4, R-LANG-2)

agents-choose-group = Zu welchem Thema möchten Sie mit einem Mitarbeiter sprechen? Renten, drücken Sie die 1. Sozialleistungen und Einkommensunterstützung, die 2. Arbeit und Beschäftigung, die 3. Beiträge und Versicherungskonto, die 4. Unternehmen und Arbeitgeber, die 5. Invalidität und Behinderung, die 6. Zahlungen und Bescheinigungen, die 7. Bürgerinformation und Unterstützung, die 8. Online-Dienste, die 9. Zurück zum Hauptmenü mit der Stern-Taste.
agents-connecting = Bitte bleiben Sie am Apparat: Wir verbinden Sie mit dem nächsten freien Mitarbeiter. Für Auskünfte zu Ihren persönlichen Daten halten Sie bitte Ihre italienische Steuernummer und Ihre Telefon-PIN bereit.
agents-closed = Unsere Mitarbeiter sind im Moment nicht erreichbar. Sie sind montags bis freitags von acht bis zwanzig Uhr und samstags von acht bis vierzehn Uhr italienischer Zeit für Sie da, außer an Feiertagen.
agents-closed-foreign = Unsere Mitarbeiter sind im Moment nicht erreichbar. Mitarbeiter, die Ihre Sprache sprechen, sind montags bis freitags von neun bis vierzehn Uhr italienischer Zeit für Sie da. Italienischsprachige Mitarbeiter sind montags bis freitags von acht bis zwanzig Uhr und samstags von acht bis vierzehn Uhr erreichbar, außer an Feiertagen.
agents-offer-italian = Mitarbeiter, die Ihre Sprache sprechen, sind montags bis freitags von neun bis vierzehn Uhr italienischer Zeit für Sie da. Sie können jetzt mit einem italienischsprachigen Mitarbeiter sprechen: Drücken Sie die 1. Für die automatischen Dienste, rund um die Uhr verfügbar, drücken Sie die 2. Zurück zum Hauptmenü mit der Stern-Taste. Um das Gespräch zu beenden, drücken Sie die 0.
agents-offer-self = Die automatischen Dienste sind rund um die Uhr verfügbar, auch an Feiertagen. Um sie zu nutzen, drücken Sie die 1. Zurück zum Hauptmenü mit der Stern-Taste. Um das Gespräch zu beenden, drücken Sie die 0.
agents-busy = Wir können Sie im Moment leider nicht mit einem Mitarbeiter verbinden. Bitte versuchen Sie es später noch einmal.

## Automated services (R-SELF-1..9, R-HOURS-3)

self-menu = Automatische Dienste. Für den Stand eines Antrags drücken Sie die 1. Für die fälligen Beiträge für eine Hausangestellte oder einen Hausangestellten die 2. Um ein Dokument nach Hause geschickt zu bekommen, zum Beispiel die Zahlungsübersicht oder den Versicherungsverlauf, die 3. Für den Stand einer Anfrage bei INPS Linea die 4. Um einen Termin zu vereinbaren, die 5. Zurück zum Hauptmenü mit der Stern-Taste.
self-closed = Die automatischen Dienste sind vorübergehend nicht verfügbar. Bitte versuchen Sie es später noch einmal.
result-next = Zum Wiederholen drücken Sie die 1. Für einen anderen automatischen Dienst die 2. Zurück zum Hauptmenü mit der Stern-Taste. Um das Gespräch zu beenden, drücken Sie die 0.
after-service = Für einen anderen automatischen Dienst drücken Sie die 1. Zurück zum Hauptmenü mit der Stern-Taste. Um das Gespräch zu beenden, drücken Sie die 0.
try-again = Um die Nummer erneut einzugeben, drücken Sie die 1. Für einen anderen automatischen Dienst die 2. Zurück zum Hauptmenü mit der Stern-Taste. Um das Gespräch zu beenden, drücken Sie die 0.

## Identification (R-AUTH-3, R-AUTH-4)

id-tax-code = Bitte geben Sie Ihre italienische Steuernummer, den Codice fiscale, über die Telefontastatur ein: Drücken Sie für jeden Buchstaben einmal die Taste, auf der er steht, und für jede Ziffer die entsprechende Taste.
id-pin = Bitte geben Sie Ihre achtstellige Telefon-PIN ein.
id-birth-date = Um die Identifizierung abzuschließen, geben Sie bitte Ihr Geburtsdatum ein: zwei Ziffern für den Tag, zwei für den Monat und vier für das Jahr.
id-not-recognised = Die eingegebenen Daten stimmen nicht überein. Versuchen wir es noch einmal.
id-failed = Wir konnten Sie mit den eingegebenen Daten leider nicht identifizieren.
id-pin-locked = Zu Ihrer Sicherheit wurde Ihre Telefon-PIN nach drei falschen Eingaben für dreißig Minuten gesperrt. Sie können es später erneut versuchen oder im persönlichen Bereich MyINPS auf der Website inps.it eine neue PIN erstellen.

## Status of an application (R-SELF-1)

status-menu = Stand eines Antrags. Wenn Sie die Antragsnummer kennen, also die DOMUS-Nummer oder die Protokollnummer, drücken Sie die 1. Wenn Sie Ihre Telefon-PIN haben, drücken Sie die 2, um den Stand Ihres letzten Antrags zu erfahren. Zurück zum vorherigen Menü mit der Stern-Taste. Für einen Antrag der Verwaltung für öffentliche Bedienstete, ehemals INPDAP, drücken Sie die 3.
status-ask-number = Bitte geben Sie die Antragsnummer ein: die dreizehnstellige DOMUS-Nummer oder die neunzehnstellige Protokollnummer. Drücken Sie zum Schluss die Raute-Taste.
status-result =
    Ihr Antrag auf { $benefit } { $status ->
        [received] ist eingegangen
        [under-review] wird geprüft
        [waiting-for-documents] wartet auf Unterlagen von Ihnen
        [suspended] ist ausgesetzt
        [approved] wurde bewilligt
        [rejected] wurde abgelehnt
        [paid] wurde bewilligt und wird ausgezahlt
       *[other] wird bearbeitet
    }. Letzte Aktualisierung: { $status_date }. Zuständige Stelle: { $office }.
status-not-found = Zu dieser Nummer haben wir für die angegebene Steuernummer keinen Antrag gefunden.
status-invalid = Die eingegebene Nummer ist keine gültige Antragsnummer.
latest-result =
    Anträge auf Ihren Namen: { $count }. Der letzte, { $benefit }, { $status ->
        [received] ist eingegangen
        [under-review] wird geprüft
        [waiting-for-documents] wartet auf Unterlagen von Ihnen
        [suspended] ist ausgesetzt
        [approved] wurde bewilligt
        [rejected] wurde abgelehnt
        [paid] wurde bewilligt und wird ausgezahlt
       *[other] wird bearbeitet
    }. Letzte Aktualisierung: { $status_date }.
latest-not-found = Auf Ihren Namen haben wir keine Anträge gefunden.
latest-unauthorized = Für diesen Dienst benötigen Sie Ihre Telefon-PIN.

## Domestic work contributions (R-SELF-3)

domestic-ask-code = Bitte geben Sie den zehnstelligen Code des Arbeitsverhältnisses mit Ihrer Hausangestellten ein. Sie finden ihn auf den Zahlungsaufforderungen für die Beiträge.
domestic-result = Beiträge für Hausangestellte, Quartal { $quarter } des Jahres { $year }: Der fällige Betrag ist { $amount }, zu zahlen bis zum { $due_date }.
domestic-unavailable = Der Beitrag für das nächste Quartal steht noch nicht fest. Die Zahlung ist bis zum { $due_date } fällig.
domestic-not-found = Zu diesem Code haben wir für die angegebene Steuernummer kein Arbeitsverhältnis gefunden.
domestic-invalid = Der eingegebene Code ist kein gültiger Code eines Arbeitsverhältnisses.

## Documents sent home (R-SELF-4..7)

docs-menu = Welches Dokument möchten Sie an Ihre Wohnadresse geschickt bekommen? Die Zahlungsübersicht des letzten Jahres, drücken Sie die 1. Die Einzelheiten Ihrer Rentenzahlungen, die 2. Ihren Versicherungsverlauf, die 3. Zurück zum vorherigen Menü mit der Stern-Taste.
docs-menu-cu = Welches Dokument möchten Sie an Ihre Wohnadresse geschickt bekommen? Die Zahlungsübersicht des letzten Jahres, drücken Sie die 1. Die Einzelheiten Ihrer Rentenzahlungen, die 2. Ihren Versicherungsverlauf, die 3. Die Certificazione Unica, die jährliche Steuerbescheinigung, die 4. Zurück zum vorherigen Menü mit der Stern-Taste.
docs-cu-ask-year = Bitte geben Sie das Jahr der Certificazione Unica ein, vier Ziffern. Die Certificazione Unica eines Jahres bescheinigt die Einkünfte des Vorjahres.
docs-sent =
    { $kind ->
        [payment_statement] Die Zahlungsübersicht
        [pension_details] Die Einzelheiten Ihrer Rentenzahlungen
        [insurance_record] Ihr Versicherungsverlauf
       *[certificazione_unica] Die Certificazione Unica
    } wird Ihnen per Post an Ihre Wohnadresse geschickt. Versanddatum: { $dispatch_date }.
docs-sent-recently =
    { $kind ->
        [payment_statement] Die Zahlungsübersicht wurde
        [pension_details] Die Einzelheiten Ihrer Rentenzahlungen wurden
        [insurance_record] Ihr Versicherungsverlauf wurde
       *[certificazione_unica] Die Certificazione Unica wurde
    } vor Kurzem bereits angefordert. Versanddatum: { $sent_on }. Bitte warten Sie einige Tage auf die Zustellung.
docs-no-address = Wir haben keine Wohnadresse, an die wir das Dokument schicken können. Sie können sie im persönlichen Bereich MyINPS aktualisieren oder sich an einen Mitarbeiter wenden.
docs-not-found =
    { $kind ->
        [payment_statement] Wir haben im letzten Jahr keine Zahlungen auf Ihren Namen gefunden.
        [pension_details] Wir haben keine Rentenzahlungen auf Ihren Namen gefunden.
        [insurance_record] Wir haben keinen Versicherungsverlauf auf Ihren Namen gefunden.
       *[certificazione_unica] Für dieses Jahr haben wir keine Certificazione Unica auf Ihren Namen gefunden.
    }
docs-cu-closed = Die Certificazione Unica kann nur während der jährlichen Kampagne verschickt werden. Sie ist jederzeit im persönlichen Bereich MyINPS auf der Website inps.it verfügbar.

## INPS Linea requests (R-SELF-8)

linea-ask-request = Bitte geben Sie die zwölfstellige Nummer Ihrer Anfrage bei INPS Linea ein: die vier Ziffern des Jahres, gefolgt von den acht Ziffern der Nummer.
linea-result =
    { $status ->
        [received] Ihre Anfrage bei INPS Linea ist eingegangen und wird bis zum { $sla_due } bearbeitet.
        [taken-in-charge] Ihre Anfrage bei INPS Linea wird bearbeitet; eine Antwort ist bis zum { $sla_due } vorgesehen.
        [overdue] Ihre Anfrage bei INPS Linea wird noch bearbeitet: der vorgesehene Termin, der { $sla_due }, ist überschritten. Wenn Sie nachfragen möchten, können Sie mit einem Mitarbeiter sprechen.
        [waiting-for-citizen] Ihre Anfrage bei INPS Linea wartet auf Informationen von Ihnen: Bitte lesen Sie die Nachrichten, die wir Ihnen geschickt haben.
        [answered] Ihre Anfrage bei INPS Linea wurde beantwortet.
        [closed] Ihre Anfrage bei INPS Linea ist abgeschlossen.
       *[other] Ihre Anfrage bei INPS Linea wird bearbeitet.
    } Zuständige Stelle: { $office }.
linea-not-found = Zu dieser Nummer haben wir für die angegebene Steuernummer keine Anfrage bei INPS Linea gefunden.
linea-invalid = Die eingegebene Nummer ist keine gültige Anfragenummer.

## Appointments (R-SELF-9)

appt-choose-service = Zu welchem Thema möchten Sie einen Termin? Renten, drücken Sie die 1. Sozialleistungen und Einkommensunterstützung, die 2. Arbeit und Beschäftigung, die 3. Beiträge und Versicherungskonto, die 4. Unternehmen und Arbeitgeber, die 5. Invalidität und Behinderung, die 6. Zahlungen und Bescheinigungen, die 7. Bürgerinformation und Unterstützung, die 8. Online-Dienste, die 9. Zurück zu den automatischen Diensten mit der Stern-Taste.
appt-offer = Der nächste freie Termin ist am { $start }, in dieser Dienststelle: { $office }. Um ihn zu buchen, drücken Sie die 1. Zurück zu den automatischen Diensten mit der 2.
appt-ask-mobile = Bitte geben Sie die Handynummer für die Bestätigung per SMS ein und drücken Sie dann die Raute-Taste.
appt-booked = Ihr Termin ist gebucht für den { $start }, in dieser Dienststelle: { $office }. Ihr Buchungscode lautet { $code }. Sie erhalten eine Bestätigung per SMS.
appt-conflict = Dieser Termin wurde leider gerade von jemand anderem gebucht. Wir suchen den nächsten freien Termin.
appt-mobile-invalid = Die eingegebene Nummer ist keine gültige Handynummer.
appt-unavailable = Für dieses Thema sind im Moment keine Termine frei. Bitte versuchen Sie es in den nächsten Tagen noch einmal oder wenden Sie sich an einen Mitarbeiter.
appt-not-found = Wir konnten die für Ihren Wohnort zuständige Dienststelle nicht finden. Für eine Buchung wenden Sie sich bitte an einen Mitarbeiter.

## Survey (R-SURV-1, R-SURV-2; questions as in SurveySpec::inps_default)

survey-intro-agent = Bevor Sie auflegen, bewerten Sie bitte das Gespräch mit unserem Mitarbeiter: Es sind nur zwei Fragen. Wenn Sie nicht antworten möchten, können Sie auflegen.
survey-intro-automated = Bevor Sie auflegen, bewerten Sie bitte den automatischen Dienst: Es sind nur zwei Fragen. Wenn Sie nicht antworten möchten, können Sie auflegen.
survey-satisfaction = Wie zufrieden sind Sie mit dem erhaltenen Service? Bewerten Sie bitte von 1, gar nicht zufrieden, bis 5, sehr zufrieden.
survey-resolved = Wurde Ihr Anliegen gelöst? Drücken Sie die 1 für ja, die 2 für nein.
survey-thanks = Vielen Dank für Ihre Bewertung.

## Certificazione Unica line, 800 434 320 (R-CHAN-5)

cu-welcome = Willkommen beim Dienst des INPS für die Certificazione Unica. Um die Sprache zu wechseln, drücken Sie die 9; andernfalls bleiben Sie bitte am Apparat.
cu-closed = Die gebührenfreie Nummer für die Certificazione Unica ist nur während der jährlichen Kampagne aktiv. Die Certificazione Unica ist jederzeit im persönlichen Bereich MyINPS auf der Website inps.it verfügbar. Vielen Dank für Ihren Anruf. Auf Wiederhören.
cu-other-year = Um ein anderes Jahr einzugeben, drücken Sie die 1. Um das Gespräch zu beenden, drücken Sie die 0.

# R-SELF-2: public-administration (ex-INPDAP) applications, by name, date of birth and number.
inpdap-ask-surname = Bitte geben Sie Ihren Nachnamen über die Telefontastatur ein, eine Taste pro Buchstabe: zum Beispiel für den Buchstaben R die Taste 7. Drücken Sie danach die Rautetaste.
inpdap-ask-name = Geben Sie nun Ihren Vornamen auf die gleiche Weise ein, eine Taste pro Buchstabe, und drücken Sie danach die Rautetaste.
inpdap-ask-birth-date = Geben Sie Ihr Geburtsdatum mit acht Ziffern ein: Tag, Monat und Jahr. Zum Beispiel für den 5. März 1961: 0 5 0 3 1 9 6 1.
inpdap-not-found = Zu diesen Angaben ist kein Antrag der Verwaltung für öffentliche Bedienstete bekannt. Bitte prüfen Sie Nachname, Vorname, Geburtsdatum und Antragsnummer.
