# Prompts of the INPS IVR flows (profiles/inps/flows), Italian: the authoritative text.
# Every language file has exactly the same message ids. Variables are named after the result
# fields of OPERATIONS.md; the host formats dates, amounts, numbers and codes for speech.
# The information messages (info-*, menu-*, detail-*) are in profiles/inps/info/<lang>/.

## Common

no-input = Non ho ricevuto nessuna risposta.
no-match = Mi scusi, la scelta non è valida.
digits-no-input = Non ho ricevuto nessuna cifra.
digits-no-match = Il numero digitato non è completo.
goodbye = Grazie per aver chiamato l'INPS. Arrivederci.
goodbye-no-choice = Non è stato possibile ricevere una scelta valida. La invitiamo a richiamare. Arrivederci.
service-error = Ci scusi, in questo momento il servizio non è disponibile. La preghiamo di riprovare più tardi.

## Language and welcome (R-LANG-1)

# Played once in each language, in that language's voice: "for <this language>, press <its key>".
language-offer = Per l'italiano, prema 1.
welcome = Benvenuto nel Contact Center dell'INPS.

## Main menu

need-ask = Ci dica brevemente di cosa ha bisogno, ad esempio: stato della domanda, NASpI, pensione. Oppure prema 1 per i servizi automatici, attivi 24 ore su 24; 2 per le informazioni; 3 per parlare con un operatore. Per altre lingue, prema 9.

## Information (R-INFO-1, R-INFO-2)

info-menu-1 = Informazioni. Per la NASpI, prema 1. Per l'Assegno unico universale, 2. Per il congedo di maternità e di paternità, 3. Per il congedo parentale, 4. Per l'Assegno di inclusione, 5. Per il Supporto per la formazione e il lavoro, 6. Per l'indennità di malattia, 7. Per il Bonus asilo nido, 8. Per altri argomenti, 9. Per tornare al menu principale, prema asterisco.
info-menu-2 = Per il PIN e le credenziali di accesso ai servizi online, prema 1. Per la delega dell'identità digitale, 2. Per la Carta europea della disabilità, 3. Per la video guida per i nuovi pensionati, 4. Per il riscatto agevolato della laurea, 5. Per le notifiche dell'app IO sulle scadenze dei contributi del lavoro domestico, 6. Per le notifiche dell'app IO sulle richieste INPS Linea, 7. Per il PIN di intermediari e aziende, 8. Per tornare al menu precedente, prema asterisco.

## Agents (R-ROUTE-1, R-ROUTE-2, R-HOURS-1, R-HOURS-2, R-HOURS-4, R-LANG-2)

agents-choose-group = Per quale servizio desidera parlare con un operatore? Pensioni, prema 1. Prestazioni sociali e a sostegno del reddito, 2. Lavoro e occupazione, 3. Contributi e posizione assicurativa, 4. Aziende e datori di lavoro, 5. Invalidità e disabilità, 6. Pagamenti e certificazioni, 7. Comunicazione e assistenza ai cittadini, 8. Servizi online, 9. Per tornare al menu principale, prema asterisco.
agents-connecting = Attenda in linea: la mettiamo in contatto con il primo operatore disponibile. Per informazioni sulla sua posizione personale, tenga a portata di mano il codice fiscale e il PIN telefonico.
agents-closed = In questo momento gli operatori non sono disponibili. Gli operatori rispondono dal lunedì al venerdì dalle otto alle venti, e il sabato dalle otto alle quattordici, esclusi i giorni festivi.
agents-closed-foreign = In questo momento gli operatori non sono disponibili. Gli operatori che parlano la sua lingua rispondono dal lunedì al venerdì dalle nove alle quattordici. Gli operatori di lingua italiana rispondono dal lunedì al venerdì dalle otto alle venti, e il sabato dalle otto alle quattordici, esclusi i giorni festivi.
agents-offer-italian = Gli operatori che parlano la sua lingua rispondono dal lunedì al venerdì dalle nove alle quattordici. In questo momento può parlare con un operatore di lingua italiana: prema 1. Per i servizi automatici, attivi 24 ore su 24, prema 2. Per tornare al menu principale, prema asterisco. Per terminare la chiamata, prema 0.
agents-offer-self = I servizi automatici sono attivi 24 ore su 24, anche nei giorni festivi. Per utilizzarli, prema 1. Per tornare al menu principale, prema asterisco. Per terminare la chiamata, prema 0.
agents-busy = In questo momento non è possibile metterla in contatto con un operatore. La preghiamo di riprovare più tardi.

## Automated services (R-SELF-1..9, R-HOURS-3)

self-menu = Servizi automatici. Per lo stato di una domanda, prema 1. Per l'importo dei contributi per un lavoratore domestico, prema 2. Per ricevere a casa un documento, come il prospetto dei pagamenti o l'estratto conto contributivo, prema 3. Per lo stato di una richiesta INPS Linea, prema 4. Per prenotare un appuntamento, prema 5. Per tornare al menu principale, prema asterisco.
self-closed = I servizi automatici sono temporaneamente non disponibili. La preghiamo di riprovare più tardi.
result-next = Per riascoltare, prema 1. Per un altro servizio automatico, prema 2. Per tornare al menu principale, prema asterisco. Per terminare la chiamata, prema 0.
after-service = Per un altro servizio automatico, prema 1. Per tornare al menu principale, prema asterisco. Per terminare la chiamata, prema 0.
try-again = Per digitare di nuovo, prema 1. Per un altro servizio automatico, prema 2. Per tornare al menu principale, prema asterisco. Per terminare la chiamata, prema 0.

## Identification (R-AUTH-3, R-AUTH-4)

id-tax-code = Digiti il suo codice fiscale sulla tastiera del telefono: per ogni lettera prema una volta il tasto su cui è scritta, per ogni cifra il tasto corrispondente.
id-pin = Digiti il PIN telefonico di otto cifre.
id-birth-date = Per completare il riconoscimento, digiti la sua data di nascita: due cifre per il giorno, due per il mese e quattro per l'anno.
id-not-recognised = I dati digitati non corrispondono. Riproviamo.
id-failed = Non è stato possibile riconoscerla con i dati digitati.
id-pin-locked = Per la sua sicurezza, dopo tre tentativi errati il PIN telefonico è stato bloccato per trenta minuti. Potrà riprovare più tardi, oppure generare un nuovo PIN nell'area riservata MyINPS del sito inps.it.

## Status of an application (R-SELF-1)

status-menu = Stato di una domanda. Se conosce il numero della domanda, DOMUS o di protocollo, prema 1. Se ha il PIN telefonico, prema 2 per conoscere lo stato della sua domanda più recente. Per tornare al menu precedente, prema asterisco. Per una domanda della gestione dipendenti pubblici, ex INPDAP, prema 3.
status-ask-number = Digiti il numero della domanda: il numero DOMUS di tredici cifre, oppure il numero di protocollo di diciannove cifre. Al termine, prema cancelletto.
status-result =
    La domanda di { $benefit } risulta { $status ->
        [received] ricevuta
        [under-review] in istruttoria
        [waiting-for-documents] in attesa di documenti da parte sua
        [suspended] sospesa
        [approved] accolta
        [rejected] respinta
        [paid] accolta e in pagamento
       *[other] in lavorazione
    }. Ultimo aggiornamento: { $status_date }. Sede competente: { $office }.
status-not-found = Non risulta nessuna domanda con questo numero per il codice fiscale indicato.
status-invalid = Il numero digitato non è un numero di domanda valido.
latest-result =
    Domande a suo nome: { $count }. La più recente, { $benefit }, risulta { $status ->
        [received] ricevuta
        [under-review] in istruttoria
        [waiting-for-documents] in attesa di documenti da parte sua
        [suspended] sospesa
        [approved] accolta
        [rejected] respinta
        [paid] accolta e in pagamento
       *[other] in lavorazione
    }. Ultimo aggiornamento: { $status_date }.
latest-not-found = Non risultano domande a suo nome.
latest-unauthorized = Per questo servizio è necessario il PIN telefonico.

## Domestic work contributions (R-SELF-3)

domestic-ask-code = Digiti il codice del rapporto di lavoro domestico, di dieci cifre. Lo trova negli avvisi di pagamento dei contributi.
domestic-result = Contributi per il lavoro domestico, trimestre { $quarter } del { $year }: l'importo dovuto è { $amount }, da versare entro il giorno { $due_date }.
domestic-unavailable = L'importo dei contributi del prossimo trimestre non è ancora disponibile. Il versamento va effettuato entro il giorno { $due_date }.
domestic-not-found = Non risulta nessun rapporto di lavoro domestico con questo codice per il codice fiscale indicato.
domestic-invalid = Il codice digitato non è un codice di rapporto di lavoro valido.

## Documents sent home (R-SELF-4..7)

docs-menu = Quale documento desidera ricevere al suo indirizzo di residenza? Il prospetto dei pagamenti dell'ultimo anno, prema 1. Il dettaglio dei pagamenti della pensione, 2. L'estratto conto contributivo, 3. Per tornare al menu precedente, prema asterisco.
docs-menu-cu = Quale documento desidera ricevere al suo indirizzo di residenza? Il prospetto dei pagamenti dell'ultimo anno, prema 1. Il dettaglio dei pagamenti della pensione, 2. L'estratto conto contributivo, 3. La Certificazione Unica, 4. Per tornare al menu precedente, prema asterisco.
docs-cu-ask-year = Digiti l'anno della Certificazione Unica, quattro cifre. La Certificazione Unica di ogni anno riguarda i redditi dell'anno precedente.
docs-sent =
    { $kind ->
        [payment_statement] Il prospetto dei pagamenti sarà spedito
        [pension_details] Il dettaglio dei pagamenti della pensione sarà spedito
        [insurance_record] L'estratto conto contributivo sarà spedito
       *[certificazione_unica] La Certificazione Unica sarà spedita
    } per posta al suo indirizzo di residenza. Data di spedizione: { $dispatch_date }.
docs-sent-recently =
    { $kind ->
        [payment_statement] Il prospetto dei pagamenti è già stato richiesto
        [pension_details] Il dettaglio dei pagamenti della pensione è già stato richiesto
        [insurance_record] L'estratto conto contributivo è già stato richiesto
       *[certificazione_unica] La Certificazione Unica è già stata richiesta
    } di recente. Data di spedizione: { $sent_on }. Attenda qualche giorno per la consegna.
docs-no-address = Non risulta un indirizzo di residenza a cui spedire il documento. Può aggiornarlo nell'area riservata MyINPS, oppure rivolgersi a un operatore.
docs-not-found =
    { $kind ->
        [payment_statement] Non risultano pagamenti a suo nome nell'ultimo anno.
        [pension_details] Non risultano pagamenti di pensione a suo nome.
        [insurance_record] Non risulta un estratto conto contributivo a suo nome.
       *[certificazione_unica] Non risulta una Certificazione Unica a suo nome per l'anno indicato.
    }
docs-cu-closed = La spedizione della Certificazione Unica è attiva solo durante la campagna annuale. La Certificazione Unica è sempre disponibile nell'area riservata MyINPS del sito inps.it.

## INPS Linea requests (R-SELF-8)

linea-ask-request = Digiti il numero della richiesta INPS Linea, di dodici cifre: le quattro cifre dell'anno, seguite dalle otto cifre del numero.
linea-result =
    { $status ->
        [received] La sua richiesta INPS Linea è stata ricevuta e sarà gestita entro il giorno { $sla_due }.
        [taken-in-charge] La sua richiesta INPS Linea è stata presa in carico; la risposta è prevista entro il giorno { $sla_due }.
        [overdue] La sua richiesta INPS Linea è ancora in lavorazione: il termine previsto del { $sla_due } è scaduto. Se desidera sollecitarla, può parlare con un operatore.
        [waiting-for-citizen] La sua richiesta INPS Linea è in attesa di informazioni da parte sua: controlli i messaggi che le abbiamo inviato.
        [answered] La sua richiesta INPS Linea ha ricevuto risposta.
        [closed] La sua richiesta INPS Linea è chiusa.
       *[other] La sua richiesta INPS Linea è in lavorazione.
    } Sede competente: { $office }.
linea-not-found = Non risulta nessuna richiesta INPS Linea con questo numero per il codice fiscale indicato.
linea-invalid = Il numero digitato non è un numero di richiesta valido.

## Appointments (R-SELF-9)

appt-choose-service = Per quale servizio desidera un appuntamento? Pensioni, prema 1. Prestazioni sociali e a sostegno del reddito, 2. Lavoro e occupazione, 3. Contributi e posizione assicurativa, 4. Aziende e datori di lavoro, 5. Invalidità e disabilità, 6. Pagamenti e certificazioni, 7. Comunicazione e assistenza ai cittadini, 8. Servizi online, 9. Per tornare ai servizi automatici, prema asterisco.
appt-offer = Il primo appuntamento disponibile è il giorno { $start }, presso questa sede: { $office }. Per prenotarlo, prema 1. Per tornare ai servizi automatici, prema 2.
appt-ask-mobile = Digiti il numero di cellulare a cui inviare l'SMS di conferma, poi prema cancelletto.
appt-booked = L'appuntamento è prenotato per il giorno { $start }, presso questa sede: { $office }. Il codice di prenotazione è { $code }. Riceverà un SMS di conferma.
appt-conflict = Ci scusi, l'appuntamento è stato appena prenotato da un'altra persona. Cerchiamo la prima disponibilità successiva.
appt-mobile-invalid = Il numero digitato non è un numero di cellulare valido.
appt-unavailable = Al momento non ci sono appuntamenti disponibili per questo servizio. La preghiamo di riprovare nei prossimi giorni, oppure di rivolgersi a un operatore.
appt-not-found = Non è stato possibile trovare la sede competente per la sua residenza. Per prenotare, si rivolga a un operatore.

## Survey (R-SURV-1, R-SURV-2; questions as in SurveySpec::inps_default)

survey-intro-agent = Prima di salutarla, le chiediamo di valutare la conversazione con l'operatore: sono solo due domande. Se non desidera rispondere, può riagganciare.
survey-intro-automated = Prima di salutarla, le chiediamo di valutare il servizio automatico: sono solo due domande. Se non desidera rispondere, può riagganciare.
survey-satisfaction = Quanto è soddisfatto del servizio ricevuto? Dia un voto da 1, per niente soddisfatto, a 5, molto soddisfatto.
survey-resolved = La sua esigenza è stata risolta? Prema 1 per sì, 2 per no.
survey-thanks = Grazie per la sua valutazione.

## Certificazione Unica line, 800 434 320 (R-CHAN-5)

cu-welcome = Benvenuto nel servizio INPS per la Certificazione Unica. Per altre lingue, prema 9; altrimenti, resti in linea.
cu-closed = Il numero verde per la Certificazione Unica è attivo solo durante la campagna annuale. La Certificazione Unica è sempre disponibile nell'area riservata MyINPS del sito inps.it. Grazie per aver chiamato. Arrivederci.
cu-other-year = Per indicare un altro anno, prema 1. Per terminare la chiamata, prema 0.

# R-SELF-2: public-administration (ex-INPDAP) applications, by name, date of birth and number.
inpdap-ask-surname = Digiti il suo cognome sulla tastiera del telefono, un tasto per ogni lettera: per esempio, per la lettera R prema il tasto 7. Al termine, prema cancelletto.
inpdap-ask-name = Ora digiti il suo nome di battesimo allo stesso modo, un tasto per ogni lettera, e al termine prema cancelletto.
inpdap-ask-birth-date = Digiti la sua data di nascita con otto cifre: giorno, mese e anno. Per esempio, per il 5 marzo 1961 digiti 0 5 0 3 1 9 6 1.
inpdap-not-found = Non risulta una domanda della gestione dipendenti pubblici con questi dati. Controlli il cognome, il nome, la data di nascita e il numero della domanda.
