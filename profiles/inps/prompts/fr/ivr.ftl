# Prompts of the INPS IVR flows (profiles/inps/flows), French. Same message ids as it/ivr.ftl.

## Common

no-input = Je n'ai pas entendu de réponse.
no-match = Désolé, ce choix n'est pas valide.
digits-no-input = Je n'ai reçu aucun chiffre.
digits-no-match = Le numéro saisi est incomplet.
goodbye = Merci d'avoir appelé l'INPS. Au revoir.
goodbye-no-choice = Nous n'avons pas pu recevoir de choix valide. Nous vous invitons à rappeler. Au revoir.
service-error = Nous sommes désolés, ce service n'est pas disponible pour le moment. Veuillez réessayer plus tard.

## Language and welcome (R-LANG-1)

language-offer = Pour le français, appuyez sur 4.
welcome = Bienvenue au Centre de contact de l'INPS, l'institut italien de sécurité sociale.

## Main menu

need-ask = Dites-nous brièvement ce dont vous avez besoin, par exemple : état de ma demande, NASpI, retraite. Ou bien appuyez sur 1 pour les services automatiques, disponibles 24 heures sur 24 ; sur 2 pour les informations ; sur 3 pour parler à un conseiller. Pour changer de langue, appuyez sur 9.

## Information (R-INFO-1, R-INFO-2)

info-menu-1 = Informations. Pour la NASpI, appuyez sur 1. Pour l'allocation unique universelle, Assegno unico, sur 2. Pour le congé de maternité et de paternité, sur 3. Pour le congé parental, sur 4. Pour l'allocation d'inclusion, Assegno di inclusione, sur 5. Pour le soutien à la formation et au travail, sur 6. Pour les indemnités de maladie, sur 7. Pour le bonus crèche, sur 8. Pour d'autres sujets, sur 9. Pour revenir au menu principal, appuyez sur étoile.
info-menu-2 = Pour le code PIN et les identifiants des services en ligne, appuyez sur 1. Pour la délégation de votre identité numérique, sur 2. Pour la carte européenne du handicap, sur 3. Pour le guide vidéo destiné aux nouveaux retraités, sur 4. Pour le rachat à tarif réduit des années d'études universitaires, sur 5. Pour les notifications de l'application IO sur les échéances des cotisations des employés de maison, sur 6. Pour les notifications de l'application IO sur les demandes INPS Linea, sur 7. Pour le code PIN des intermédiaires et des entreprises, sur 8. Pour revenir au menu précédent, appuyez sur étoile.

## Agents (R-ROUTE-1, R-ROUTE-2, R-HOURS-1, R-HOURS-2, R-HOURS-4, R-LANG-2)

agents-choose-group = Pour quel service souhaitez-vous parler à un conseiller ? Retraites, appuyez sur 1. Prestations sociales et soutien au revenu, sur 2. Travail et emploi, sur 3. Cotisations et relevé de carrière, sur 4. Entreprises et employeurs, sur 5. Invalidité et handicap, sur 6. Paiements et attestations, sur 7. Information et assistance aux citoyens, sur 8. Services en ligne, sur 9. Pour revenir au menu principal, appuyez sur étoile.
agents-connecting = Veuillez patienter : nous vous mettons en relation avec le premier conseiller disponible. Pour des informations sur votre situation personnelle, gardez à portée de main votre code fiscal italien et votre code PIN téléphonique.
agents-closed = Nos conseillers ne sont pas disponibles pour le moment. Ils vous répondent du lundi au vendredi de huit heures à vingt heures, et le samedi de huit heures à quatorze heures, heure italienne, sauf les jours fériés.
agents-closed-foreign = Nos conseillers ne sont pas disponibles pour le moment. Les conseillers qui parlent votre langue répondent du lundi au vendredi de neuf heures à quatorze heures, heure italienne. Les conseillers de langue italienne répondent du lundi au vendredi de huit heures à vingt heures, et le samedi de huit heures à quatorze heures, sauf les jours fériés.
agents-offer-italian = Les conseillers qui parlent votre langue répondent du lundi au vendredi de neuf heures à quatorze heures, heure italienne. Vous pouvez parler maintenant à un conseiller de langue italienne : appuyez sur 1. Pour les services automatiques, disponibles 24 heures sur 24, appuyez sur 2. Pour revenir au menu principal, appuyez sur étoile. Pour terminer l'appel, appuyez sur 0.
agents-offer-self = Les services automatiques sont disponibles 24 heures sur 24, jours fériés compris. Pour les utiliser, appuyez sur 1. Pour revenir au menu principal, appuyez sur étoile. Pour terminer l'appel, appuyez sur 0.
agents-busy = Nous sommes désolés, nous ne pouvons pas vous mettre en relation avec un conseiller pour le moment. Veuillez réessayer plus tard.

## Automated services (R-SELF-1..9, R-HOURS-3)

self-menu = Services automatiques. Pour l'état d'une demande, appuyez sur 1. Pour les cotisations dues pour un employé de maison, sur 2. Pour recevoir un document à domicile, comme le relevé des paiements ou le relevé de carrière, sur 3. Pour l'état d'une demande INPS Linea, sur 4. Pour prendre rendez-vous, sur 5. Pour revenir au menu principal, appuyez sur étoile.
self-closed = Les services automatiques sont momentanément indisponibles. Veuillez réessayer plus tard.
result-next = Pour réécouter, appuyez sur 1. Pour un autre service automatique, sur 2. Pour revenir au menu principal, appuyez sur étoile. Pour terminer l'appel, appuyez sur 0.
after-service = Pour un autre service automatique, appuyez sur 1. Pour revenir au menu principal, appuyez sur étoile. Pour terminer l'appel, appuyez sur 0.
try-again = Pour saisir à nouveau le numéro, appuyez sur 1. Pour un autre service automatique, sur 2. Pour revenir au menu principal, appuyez sur étoile. Pour terminer l'appel, appuyez sur 0.

## Identification (R-AUTH-3, R-AUTH-4)

id-tax-code = Veuillez saisir votre code fiscal italien, le codice fiscale, sur le clavier du téléphone : pour chaque lettre, appuyez une fois sur la touche où elle est inscrite ; pour chaque chiffre, sur la touche correspondante.
id-pin = Veuillez saisir votre code PIN téléphonique à huit chiffres.
id-birth-date = Pour terminer votre identification, veuillez saisir votre date de naissance : deux chiffres pour le jour, deux pour le mois et quatre pour l'année.
id-not-recognised = Les données saisies ne correspondent pas. Recommençons.
id-failed = Nous n'avons pas pu vous identifier avec les données saisies.
id-pin-locked = Pour votre sécurité, votre code PIN téléphonique a été bloqué pendant trente minutes après trois essais erronés. Vous pourrez réessayer plus tard, ou créer un nouveau code PIN dans votre espace personnel MyINPS, sur le site inps.it.

## Status of an application (R-SELF-1)

status-menu = État d'une demande. Si vous connaissez le numéro de la demande, numéro DOMUS ou numéro de protocole, appuyez sur 1. Si vous avez votre code PIN téléphonique, appuyez sur 2 pour connaître l'état de votre demande la plus récente. Pour revenir au menu précédent, appuyez sur étoile. Pour une demande de la gestion des agents publics, ex INPDAP, appuyez sur 3.
status-ask-number = Veuillez saisir le numéro de la demande : le numéro DOMUS à treize chiffres, ou le numéro de protocole à dix-neuf chiffres. À la fin, appuyez sur dièse.
status-result =
    Votre demande de { $benefit } { $status ->
        [received] a été reçue
        [under-review] est en cours d'instruction
        [waiting-for-documents] est en attente de documents de votre part
        [suspended] est suspendue
        [approved] a été acceptée
        [rejected] a été refusée
        [paid] a été acceptée et est en paiement
       *[other] est en cours de traitement
    }. Dernière mise à jour : { $status_date }. Bureau compétent : { $office }.
status-not-found = Aucune demande ne correspond à ce numéro pour le code fiscal indiqué.
status-invalid = Le numéro saisi n'est pas un numéro de demande valide.
latest-result =
    Demandes à votre nom : { $count }. La plus récente, { $benefit }, { $status ->
        [received] a été reçue
        [under-review] est en cours d'instruction
        [waiting-for-documents] est en attente de documents de votre part
        [suspended] est suspendue
        [approved] a été acceptée
        [rejected] a été refusée
        [paid] a été acceptée et est en paiement
       *[other] est en cours de traitement
    }. Dernière mise à jour : { $status_date }.
latest-not-found = Aucune demande n'a été trouvée à votre nom.
latest-unauthorized = Ce service nécessite votre code PIN téléphonique.

## Domestic work contributions (R-SELF-3)

domestic-ask-code = Veuillez saisir le code à dix chiffres de la relation de travail avec votre employé de maison. Vous le trouverez sur les avis de paiement des cotisations.
domestic-result = Cotisations pour l'emploi à domicile, trimestre { $quarter } de l'année { $year } : le montant dû est de { $amount }, à payer au plus tard le { $due_date }.
domestic-unavailable = Le montant des cotisations du prochain trimestre n'est pas encore disponible. Le paiement doit être effectué au plus tard le { $due_date }.
domestic-not-found = Aucune relation de travail à domicile ne correspond à ce code pour le code fiscal indiqué.
domestic-invalid = Le code saisi n'est pas un code de relation de travail valide.

## Documents sent home (R-SELF-4..7)

docs-menu = Quel document souhaitez-vous recevoir à votre adresse de résidence ? Le relevé des paiements de l'année écoulée, appuyez sur 1. Le détail des paiements de votre pension, sur 2. Votre relevé de carrière, sur 3. Pour revenir au menu précédent, appuyez sur étoile.
docs-menu-cu = Quel document souhaitez-vous recevoir à votre adresse de résidence ? Le relevé des paiements de l'année écoulée, appuyez sur 1. Le détail des paiements de votre pension, sur 2. Votre relevé de carrière, sur 3. La Certificazione Unica, l'attestation fiscale annuelle, sur 4. Pour revenir au menu précédent, appuyez sur étoile.
docs-cu-ask-year = Veuillez saisir l'année de la Certificazione Unica, en quatre chiffres. La Certificazione Unica d'une année porte sur les revenus de l'année précédente.
docs-sent =
    { $kind ->
        [payment_statement] Le relevé des paiements vous sera envoyé
        [pension_details] Le détail des paiements de votre pension vous sera envoyé
        [insurance_record] Votre relevé de carrière vous sera envoyé
       *[certificazione_unica] La Certificazione Unica vous sera envoyée
    } par la poste, à votre adresse de résidence. Date d'envoi : { $dispatch_date }.
docs-sent-recently =
    { $kind ->
        [payment_statement] Le relevé des paiements a déjà été demandé
        [pension_details] Le détail des paiements de votre pension a déjà été demandé
        [insurance_record] Votre relevé de carrière a déjà été demandé
       *[certificazione_unica] La Certificazione Unica a déjà été demandée
    } récemment. Date d'envoi : { $sent_on }. Veuillez attendre quelques jours pour la livraison.
docs-no-address = Nous n'avons pas d'adresse de résidence à laquelle envoyer le document. Vous pouvez la mettre à jour dans votre espace personnel MyINPS, ou vous adresser à un conseiller.
docs-not-found =
    { $kind ->
        [payment_statement] Aucun paiement n'a été trouvé à votre nom pour l'année écoulée.
        [pension_details] Aucun paiement de pension n'a été trouvé à votre nom.
        [insurance_record] Aucun relevé de carrière n'a été trouvé à votre nom.
       *[certificazione_unica] Aucune Certificazione Unica n'a été trouvée à votre nom pour cette année.
    }
docs-cu-closed = La Certificazione Unica ne peut être envoyée que pendant la campagne annuelle. Elle est toujours disponible dans votre espace personnel MyINPS, sur le site inps.it.

## INPS Linea requests (R-SELF-8)

linea-ask-request = Veuillez saisir le numéro à douze chiffres de votre demande INPS Linea : les quatre chiffres de l'année, suivis des huit chiffres du numéro.
linea-result =
    { $status ->
        [received] Votre demande INPS Linea a été reçue et sera traitée au plus tard le { $sla_due }.
        [taken-in-charge] Votre demande INPS Linea a été prise en charge ; une réponse est prévue au plus tard le { $sla_due }.
        [overdue] Votre demande INPS Linea est toujours en cours de traitement : la date prévue, le { $sla_due }, est dépassée. Si vous souhaitez la relancer, vous pouvez parler à un conseiller.
        [waiting-for-citizen] Votre demande INPS Linea attend des informations de votre part : veuillez consulter les messages que nous vous avons envoyés.
        [answered] Votre demande INPS Linea a reçu une réponse.
        [closed] Votre demande INPS Linea est clôturée.
       *[other] Votre demande INPS Linea est en cours de traitement.
    } Bureau compétent : { $office }.
linea-not-found = Aucune demande INPS Linea ne correspond à ce numéro pour le code fiscal indiqué.
linea-invalid = Le numéro saisi n'est pas un numéro de demande valide.

## Appointments (R-SELF-9)

appt-choose-service = Pour quel service souhaitez-vous un rendez-vous ? Retraites, appuyez sur 1. Prestations sociales et soutien au revenu, sur 2. Travail et emploi, sur 3. Cotisations et relevé de carrière, sur 4. Entreprises et employeurs, sur 5. Invalidité et handicap, sur 6. Paiements et attestations, sur 7. Information et assistance aux citoyens, sur 8. Services en ligne, sur 9. Pour revenir aux services automatiques, appuyez sur étoile.
appt-offer = Le premier rendez-vous disponible est le { $start }, dans ce bureau : { $office }. Pour le réserver, appuyez sur 1. Pour revenir aux services automatiques, appuyez sur 2.
appt-ask-mobile = Veuillez saisir le numéro de téléphone portable auquel envoyer le SMS de confirmation, puis appuyez sur dièse.
appt-booked = Votre rendez-vous est réservé pour le { $start }, dans ce bureau : { $office }. Votre code de réservation est { $code }. Vous recevrez un SMS de confirmation.
appt-conflict = Nous sommes désolés, ce rendez-vous vient d'être réservé par une autre personne. Nous cherchons le prochain disponible.
appt-mobile-invalid = Le numéro saisi n'est pas un numéro de portable valide.
appt-unavailable = Il n'y a pas de rendez-vous disponible pour ce service pour le moment. Veuillez réessayer dans les prochains jours, ou vous adresser à un conseiller.
appt-not-found = Nous n'avons pas trouvé le bureau compétent pour votre lieu de résidence. Pour réserver, veuillez vous adresser à un conseiller.

## Survey (R-SURV-1, R-SURV-2; questions as in SurveySpec::inps_default)

survey-intro-agent = Avant de nous quitter, merci d'évaluer votre conversation avec notre conseiller : il n'y a que deux questions. Si vous ne souhaitez pas répondre, vous pouvez raccrocher.
survey-intro-automated = Avant de nous quitter, merci d'évaluer le service automatique : il n'y a que deux questions. Si vous ne souhaitez pas répondre, vous pouvez raccrocher.
survey-satisfaction = Êtes-vous satisfait du service reçu ? Donnez une note de 1, pas du tout satisfait, à 5, très satisfait.
survey-resolved = Votre demande a-t-elle été résolue ? Appuyez sur 1 pour oui, sur 2 pour non.
survey-thanks = Merci pour votre évaluation.

## Certificazione Unica line, 800 434 320 (R-CHAN-5)

cu-welcome = Bienvenue au service de l'INPS pour la Certificazione Unica. Pour changer de langue, appuyez sur 9 ; sinon, restez en ligne.
cu-closed = Le numéro vert de la Certificazione Unica n'est actif que pendant la campagne annuelle. La Certificazione Unica est toujours disponible dans votre espace personnel MyINPS, sur le site inps.it. Merci de votre appel. Au revoir.
cu-other-year = Pour saisir une autre année, appuyez sur 1. Pour terminer l'appel, appuyez sur 0.

# R-SELF-2: public-administration (ex-INPDAP) applications, by name, date of birth and number.
inpdap-ask-surname = Veuillez taper votre nom de famille sur le clavier du téléphone, une touche par lettre : par exemple, pour la lettre R, appuyez sur 7. Ensuite, appuyez sur dièse.
inpdap-ask-name = Tapez maintenant votre prénom de la même façon, une touche par lettre, puis appuyez sur dièse.
inpdap-ask-birth-date = Tapez votre date de naissance en huit chiffres : jour, mois et année. Par exemple, pour le 5 mars 1961, tapez 0 5 0 3 1 9 6 1.
inpdap-not-found = Aucune demande de la gestion des agents publics ne correspond à ces données. Vérifiez le nom, le prénom, la date de naissance et le numéro de la demande.
