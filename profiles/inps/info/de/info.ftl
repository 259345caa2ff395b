### Informationsansagen (R-INFO-1, R-INFO-2), Deutsch. Übersetzt aus dem italienischen Text.
### Fakten aus DOMAIN §6, Stand Anfang 2026. Beträge ändern sich jedes Jahr: im Januar prüfen.

# R-INFO-1
info-intro = Bevor wir Sie mit einem Mitarbeiter verbinden, einige nützliche Informationen.

# R-INFO-1
info-bonus-asilo-nido =
    Der Kita-Zuschuss, auf Italienisch Bonus asilo nido, hilft bei den Gebühren einer öffentlichen
    oder privaten Kinderkrippe, oder bei der Betreuung zu Hause für Kinder unter 3 Jahren
    mit einer schweren chronischen Krankheit.
    Er wird in bis zu 11 Monatsraten gezahlt.
    Der Betrag hängt vom ISEE und vom Geburtsdatum des Kindes ab: nach den Regeln von 2025
    erhalten Kinder, die ab 2024 geboren sind, bei einem ISEE bis 40.000 Euro bis zu 3.600 Euro im Jahr.
    Den Antrag stellen Sie online auf der Website des INPS, inps Punkt it, mit den Zahlungsbelegen.

# R-INFO-1
info-pin-credentials =
    Für die Online-Dienste des INPS brauchen Sie eine digitale Identität: SPID,
    den elektronischen Personalausweis CIE oder die Carta nazionale dei servizi, CNS.
    Für die Dienste am Telefon gibt es die Telefon-PIN: Melden Sie sich mit Ihrer digitalen Identität
    im persönlichen Bereich MyINPS an und wählen Sie die Funktion PIN telefonico.
    Sie bestimmen die Gültigkeit: einen Tag, eine Woche, einen Monat oder 3 Monate.
    Wenn Sie eine neue PIN erzeugen, ist die alte nicht mehr gültig.

# R-INFO-1
info-digital-identity-delegation =
    Wer die Online-Dienste nicht selbst nutzen kann, kann eine Vertrauensperson bevollmächtigen,
    die dann mit ihrem eigenen SPID, CIE oder CNS für ihn handelt.
    Die Vollmacht wird in jeder INPS-Geschäftsstelle mit dem Formular AA08 und einer Ausweiskopie eingetragen,
    oder online in MyINPS unter Deleghe identità digitali.
    Für Bettlägerige oder Menschen im Krankenhaus gibt es das Formular AA09;
    Vormünder, Betreuer und Eltern verwenden das Formular AA10.
    Man kann nur eine bevollmächtigte Person haben, und die Vollmacht ist jederzeit widerrufbar.

# R-INFO-1
info-disability-card =
    Der europäische Behindertenausweis ist kostenlos und weist die Behinderung nach,
    um kostenlose oder ermäßigte Angebote zu nutzen, etwa Verkehr, Kultur und Freizeit,
    in Italien und in den teilnehmenden europäischen Ländern.
    Er steht unter anderem Zivilinvaliden ab 67 %, invaliden Minderjährigen
    und Beziehern der Begleitzulage zu.
    Sie beantragen ihn online auf der Website des INPS, inps Punkt it, mit einem Foto,
    oder über die zugelassenen Verbände.
    Er kommt per Post und gilt, solange die Behinderung besteht, höchstens 10 Jahre.

# R-INFO-1
info-auu =
    Das Assegno unico e universale ist eine monatliche Leistung für jedes unterhaltsberechtigte Kind,
    ab dem siebten Schwangerschaftsmonat bis zum Alter von 21 Jahren, bei Kindern mit Behinderung ohne Altersgrenze.
    Eine Arbeit ist nicht nötig; der Betrag hängt vom ISEE ab.
    Der Antrag wird nur einmal gestellt: online, über ein Patronat oder unter dieser Nummer mit der Telefon-PIN,
    und läuft dann in den Folgejahren automatisch weiter.
    Erneuern Sie das ISEE jedes Jahr im Januar oder Februar, und aktualisieren Sie den Antrag,
    wenn sich etwas ändert, zum Beispiel bei einer Geburt oder einer neuen IBAN.

# R-INFO-1
info-pension-video-guide =
    Wenn die Rente bewilligt ist, schickt das INPS neuen Rentnern eine SMS oder E-Mail
    mit dem Link zu einem persönlichen, interaktiven Video-Leitfaden.
    Er erklärt in einfachen Worten Ihre Rente: wie sie berechnet wurde, den Betrag,
    die Steuern, die monatliche Abrechnung und die nützlichen Online-Dienste.
    Wenn Sie den Link nicht mehr haben, finden Sie den Video-Leitfaden im persönlichen Bereich MyINPS
    oder in der App IO.

# R-INFO-1
info-degree-redemption =
    Mit dem vergünstigten Nachkauf der Studienzeit, dem riscatto agevolato della laurea,
    zählen die Jahre Ihres Studiums für die Rente, für die Regelstudienzeit und ab dem Jahr 1996.
    Auch wer noch nie gearbeitet hat, kann ihn beantragen, in jedem Alter.
    Die Kosten sind pro Jahr fest: 2025 waren es 6.123,15 Euro.
    Sie können auf einmal zahlen oder in bis zu 120 zinsfreien Monatsraten, und die Kosten sind steuerlich absetzbar.
    Den Antrag stellen Sie online auf der Website des INPS, inps Punkt it.

# R-INFO-1
info-sickness-benefit =
    Krankengeld erhalten viele Beschäftigte der Privatwirtschaft, etwa Arbeiter,
    Angestellte in Handel und Dienstleistungen, Auszubildende und Landarbeiter;
    nicht dagegen Hausangestellte, Angestellte der Industrie und Selbständige.
    Die Krankmeldung schickt der Arzt online an das INPS.
    Gezahlt wird ab dem vierten Tag: 50 % des durchschnittlichen Tageslohns bis zum zwanzigsten Tag,
    66,66 % ab dem einundzwanzigsten, höchstens 180 Tage im Jahr; meist zahlt der Arbeitgeber es vorab aus.
    Während der Krankheit müssen Sie zu den Kontrollzeiten zu Hause erreichbar sein.

# R-INFO-1
info-io-domestic-due-dates =
    Wenn Sie eine Haushaltshilfe beschäftigen, etwa eine Putzhilfe, eine Pflegekraft oder einen Babysitter,
    kann die App IO Sie an jeden Beitragstermin erinnern, und Sie können direkt in der App zahlen.
    Die Beiträge sind alle 3 Monate fällig, in den ersten 10 Tagen im April, Juli, Oktober und Januar.
    Für die Erinnerungen melden Sie sich in der App IO mit SPID oder CIE an, öffnen die Dienste des INPS
    und prüfen, ob die Nachrichten aktiviert sind; außerdem müssen Sie gewählt haben,
    die pagoPA-Zahlungsaufforderungen für die Haushaltshilfe zu erhalten.

# R-INFO-1
info-io-linea-progress =
    Wenn Sie über Linea INPS oder INPS Risponde eine Anfrage an das INPS geschickt haben,
    meldet Ihnen die App IO jeden Bearbeitungsschritt.
    Dafür melden Sie sich in der App IO mit SPID oder CIE an, öffnen die Dienste des INPS
    und prüfen, ob die Nachrichten aktiviert sind.
    Den Stand der Anfrage können Sie auch mit den automatischen Diensten dieser Nummer abfragen,
    mit Ihrer Steuernummer und der Nummer der Anfrage.

# R-INFO-1
info-adi =
    Das Assegno di inclusione ist eine Leistung gegen Armut für Familien mit einem Menschen mit Behinderung,
    einem Minderjährigen, einer Person ab 60 Jahren oder einer benachteiligten Person, die vom Sozialdienst betreut wird.
    Nötig ist ein niedriges ISEE: 2025 höchstens 10.140 Euro.
    Es wird auf die Carta ADI gezahlt, für 18 Monate, verlängerbar um jeweils 12 Monate;
    ab 2026 wird bei der Verlängerung der erste Monat zu 50 % gezahlt.
    Den Antrag stellen Sie online, über ein Patronat oder einen CAF;
    danach unterschreiben Sie die Aktivierungsvereinbarung auf der Plattform SIISL.

# R-INFO-1
info-sfl =
    Die Leistung Supporto per la formazione e il lavoro ist für Menschen zwischen 18 und 59 Jahren
    in Familien mit niedrigem ISEE, 2025 höchstens 10.140 Euro,
    die an Weiterbildungen oder Arbeitsprojekten teilnehmen.
    Sie beträgt 500 Euro im Monat für die Dauer des Projekts, höchstens 12 Monate,
    mit möglicher Verlängerung, wenn der Kurs noch nicht beendet ist.
    Wer in den letzten 12 Monaten selbst gekündigt hat, erhält sie nicht.
    Den Antrag stellen Sie online auf der Website des INPS, inps Punkt it;
    danach unterschreiben Sie die Aktivierungsvereinbarung auf der Plattform SIISL.

# R-INFO-1
info-pin-intermediaries =
    Auch Unternehmen und Vermittler, etwa Lohnbüros, CAF und Patronate,
    nutzen die Online-Dienste des INPS nur mit einer persönlichen digitalen Identität: SPID, CIE oder CNS.
    Die alte INPS-PIN kann nicht mehr verwendet werden.
    Wer für ein Unternehmen oder einen Vermittler arbeitet, meldet sich mit den eigenen Zugangsdaten an
    und muss für diese Rolle freigeschaltet sein.
    Die Dienste finden Sie auf der Website des INPS, inps Punkt it; zur Freischaltung berät Sie der Mitarbeiter.

# R-INFO-2
menu-naspi =
    Naspi, das Arbeitslosengeld.
    Für die Voraussetzungen drücken Sie die 1. Für die Antragstellung drücken Sie die 2.
    Für Dauer und Beginn drücken Sie die 3. Für den Betrag drücken Sie die 4.
    Um mit einem Mitarbeiter zu sprechen, drücken Sie die 9.

# R-INFO-2
detail-naspi-requirements =
    Naspi erhalten Arbeitnehmer, die ihre Arbeit unfreiwillig verlieren,
    auch bei Kündigung aus wichtigem Grund; dazu gehören auch Auszubildende, Genossenschaftsmitglieder
    und befristet Beschäftigte im öffentlichen Dienst.
    Nötig sind mindestens 13 Beitragswochen in den 4 Jahren vor der Arbeitslosigkeit.
    Wer in den 12 Monaten davor eine andere Stelle selbst gekündigt hat,
    muss die 13 Wochen in der neuen Stelle erreicht haben.
    Keinen Anspruch haben unbefristet Beschäftigte im öffentlichen Dienst, Landarbeiter
    und wer die Voraussetzungen für die Rente schon erfüllt.

# R-INFO-2
detail-naspi-how-to-apply =
    Den Antrag auf Naspi stellen Sie online auf der Website des INPS, inps Punkt it,
    mit SPID, CIE oder CNS, oder über ein Patronat.
    Er muss innerhalb von 68 Tagen nach dem Ende des Arbeitsverhältnisses gestellt werden.

# R-INFO-2
detail-naspi-duration =
    Naspi wird für die Hälfte der Beitragswochen der letzten 4 Jahre gezahlt, höchstens 24 Monate.
    Sie beginnt am achten Tag nach dem Ende der Arbeit,
    oder am Tag nach dem Antrag, wenn dieser später gestellt wird.

# R-INFO-2
detail-naspi-amount =
    Naspi beträgt 75 % des durchschnittlichen Monatslohns bis 1.456,72 Euro,
    plus 25 % des Teils darüber; das sind die Werte für 2026.
    Sie beträgt höchstens 1.584,70 Euro brutto im Monat.
    Ab dem sechsten Monat sinkt sie jeden Monat um 3 %, ab einem Alter von 55 Jahren erst ab dem achten Monat.

# R-INFO-2
menu-auu =
    Assegno unico e universale, das Kindergeld.
    Für die Voraussetzungen drücken Sie die 1. Für die Antragstellung drücken Sie die 2.
    Für Dauer und Beginn drücken Sie die 3. Für den Betrag drücken Sie die 4.
    Um mit einem Mitarbeiter zu sprechen, drücken Sie die 9.

# R-INFO-2
detail-auu-requirements =
    Das Assegno unico gibt es für jedes unterhaltsberechtigte Kind, ab dem siebten Schwangerschaftsmonat bis zum Alter von 18 Jahren.
    Zwischen 18 und 21 Jahren besteht der Anspruch, wenn das Kind studiert, eine Ausbildung macht,
    mit geringem Einkommen arbeitet, Arbeit sucht oder Zivildienst leistet.
    Für Kinder mit Behinderung gibt es keine Altersgrenze.
    Eine Arbeit ist nicht nötig.

# R-INFO-2
detail-auu-how-to-apply =
    Den Antrag auf das Assegno unico stellen Sie nur einmal: online auf der Website des INPS, inps Punkt it,
    über ein Patronat oder unter dieser Nummer mit der Telefon-PIN.
    Ein bewilligter Antrag läuft in den Folgejahren automatisch weiter; aktualisieren Sie ihn, wenn sich etwas ändert,
    zum Beispiel bei einer Geburt, einer Behinderung, einer neuen IBAN oder wenn ein Kind 18 wird.

# R-INFO-2
detail-auu-duration =
    Das Assegno unico wird monatlich gezahlt, ab dem siebten Schwangerschaftsmonat, bis das Kind 21 Jahre alt ist,
    bei Kindern mit Behinderung ohne Altersgrenze.
    Das ISEE muss jedes Jahr im Januar oder Februar erneuert werden:
    wenn Sie es bis Ende Juni einreichen, erhalten Sie auch die Nachzahlung ab März.

# R-INFO-2
detail-auu-amount =
    Der Betrag hängt vom ISEE ab. 2026 gibt es bei einem ISEE bis 17.468,51 Euro
    203,80 Euro im Monat für jedes minderjährige Kind;
    bei einem ISEE ab 46.582,71 Euro oder ohne ISEE 58,30 Euro.
    Für Kinder zwischen 18 und 21 Jahren sind es zwischen 99,10 und 29,10 Euro.
    Zuschläge gibt es für Kinder unter 1 Jahr, kinderreiche Familien, Kinder mit Behinderung
    und wenn beide Eltern arbeiten.

# R-INFO-2
menu-maternity-paternity =
    Mutterschaftsurlaub und Vaterschaftsurlaub.
    Für die Voraussetzungen drücken Sie die 1. Für die Antragstellung drücken Sie die 2.
    Für Dauer und Beginn drücken Sie die 3. Für den Betrag drücken Sie die 4.
    Um mit einem Mitarbeiter zu sprechen, drücken Sie die 9.

# R-INFO-2
detail-maternity-paternity-requirements =
    Mutterschaftsurlaub steht Arbeitnehmerinnen zu, außerdem Selbständigen,
    Versicherten der Gestione separata und Arbeitslosen innerhalb von 60 Tagen nach dem Ende der letzten Arbeit.
    Der Pflicht-Vaterschaftsurlaub steht angestellten Vätern zu,
    im öffentlichen Dienst und in der Privatwirtschaft, auch Hausangestellten.

# R-INFO-2
detail-maternity-paternity-how-to-apply =
    Für die Mutterschaft stellen Sie den Antrag online vor Beginn des Urlaubs,
    spätestens ein Jahr nach seinem Ende, mit der Protokollnummer
    des elektronischen Schwangerschaftsattests; die Geburt melden Sie innerhalb von 30 Tagen.
    Für die Vaterschaft informiert der Vater den Arbeitgeber mindestens 5 Tage vorher
    und stellt nur dann einen Antrag beim INPS, wenn das INPS direkt zahlt.
    Die Anträge stellen Sie auf der Website des INPS, inps Punkt it, mit SPID, CIE oder CNS.

# R-INFO-2
detail-maternity-paternity-duration =
    Der Mutterschaftsurlaub dauert 5 Monate: meist 2 Monate vor dem errechneten Geburtstermin und 3 danach;
    mit ärztlicher Zustimmung 1 Monat vorher und 4 danach, oder alle 5 nach der Geburt.
    Der Vaterschaftsurlaub dauert 10 Arbeitstage, bei Mehrlingsgeburten 20,
    zu nehmen zwischen 2 Monaten vor und 5 Monaten nach der Geburt, auch einzeln
    und auch während des Mutterschaftsurlaubs.

# R-INFO-2
detail-maternity-paternity-amount =
    Für Arbeitnehmerinnen werden im Mutterschaftsurlaub 80 % des durchschnittlichen Tageslohns gezahlt;
    meist zahlt der Arbeitgeber vorab aus, bei Hausangestellten und in einigen anderen Fällen zahlt das INPS direkt.
    Der Vaterschaftsurlaub wird mit 100 % des Lohns bezahlt.

# R-INFO-2
menu-parental-leave =
    Elternzeit.
    Für die Voraussetzungen drücken Sie die 1. Für die Antragstellung drücken Sie die 2.
    Für Dauer und Beginn drücken Sie die 3. Für den Betrag drücken Sie die 4.
    Um mit einem Mitarbeiter zu sprechen, drücken Sie die 9.

# R-INFO-2
detail-parental-leave-requirements =
    Die Elternzeit, in Italien congedo parentale, ist eine freiwillige Auszeit von der Arbeit
    für angestellte Eltern.
    Jeder Elternteil hat Anspruch auf 3 Monate, die nicht auf den anderen übertragbar sind.
    Ab 2026 kann sie genommen werden, bis das Kind 14 Jahre alt ist.

# R-INFO-2
detail-parental-leave-how-to-apply =
    Den Antrag auf Elternzeit stellen Sie vor ihrem Beginn,
    online auf der Website des INPS, inps Punkt it, mit SPID, CIE oder CNS, oder über ein Patronat.

# R-INFO-2
detail-parental-leave-duration =
    Die Elternzeit dauert insgesamt bis zu 10 Monate für beide Eltern zusammen,
    11, wenn der Vater mindestens 3 Monate nimmt.
    Jeder Elternteil hat 3 Monate, die nicht übertragbar sind.
    Seit Januar 2026 kann sie genommen werden, bis das Kind 14 Jahre alt ist; vorher lag die Grenze bei 12 Jahren.

# R-INFO-2
detail-parental-leave-amount =
    In der Elternzeit werden 3 Monate mit 80 % des Lohns bezahlt, wenn sie genommen werden, bevor das Kind 6 Jahre alt ist,
    für Eltern, deren Mutterschafts- oder Vaterschaftsurlaub 2025 oder später geendet hat.
    Weitere 6 Monate werden mit 30 % bezahlt.
    Die übrigen Monate werden nur Eltern mit niedrigem Einkommen mit 30 % bezahlt.
