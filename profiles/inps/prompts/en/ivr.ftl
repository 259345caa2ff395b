# Prompts of the INPS IVR flows (profiles/inps/flows), English. Same message ids as it/ivr.ftl.

## Common

no-input = Sorry, I did not hear an answer.
no-match = Sorry, that is not a valid choice.
digits-no-input = Sorry, I did not receive any digits.
digits-no-match = The number you entered is not complete.
goodbye = Thank you for calling INPS. Goodbye.
goodbye-no-choice = We could not receive a valid choice. Please call again. Goodbye.
service-error = We are sorry, this service is not available at the moment. Please try again later.

## Language and welcome (R-LANG-1)

language-offer = For English, press 3.
welcome = Welcome to the INPS Contact Center.

## Main menu

need-ask = Please tell us briefly what you need, for example: application status, NASpI, pension. Or press 1 for the automated services, available 24 hours a day; 2 for information; 3 to speak with an agent. To change language, press 9.

## Information (R-INFO-1, R-INFO-2)

info-menu-1 = Information. For NASpI, press 1. For the single universal allowance, Assegno unico, press 2. For maternity and paternity leave, 3. For parental leave, 4. For the inclusion allowance, Assegno di inclusione, 5. For support for training and work, 6. For sickness benefit, 7. For the nursery bonus, 8. For other topics, 9. To return to the main menu, press star.
info-menu-2 = For the PIN and the credentials for online services, press 1. For delegating your digital identity, 2. For the European disability card, 3. For the video guide for new pensioners, 4. For the subsidised redemption of university years, 5. For IO app notifications about domestic work contribution due dates, 6. For IO app notifications about INPS Linea requests, 7. For the PIN for intermediaries and companies, 8. To return to the previous menu, press star.

## Agents (R-ROUTE-1, R-ROUTE-2, R-HOURS-1, R-HOURS-2, R-HOURS-4, R-LANG-2)

agents-choose-group = Which service would you like to speak to an agent about? Pensions, press 1. Social and income support benefits, 2. Work and employment, 3. Contributions and insurance records, 4. Companies and employers, 5. Disability and invalidity, 6. Payments and statements, 7. Communication and support for citizens, 8. Online services, 9. To return to the main menu, press star.
agents-connecting = Please hold: we are connecting you to the first available agent. For information about your personal records, please have your tax code and your phone PIN ready.
agents-closed = Our agents are not available at the moment. They answer Monday to Friday from eight in the morning to eight in the evening, and on Saturday from eight in the morning to two in the afternoon, Italian time, except on public holidays.
agents-closed-foreign = Our agents are not available at the moment. Agents who speak your language answer Monday to Friday from nine in the morning to two in the afternoon, Italian time. Italian-speaking agents answer Monday to Friday from eight in the morning to eight in the evening, and on Saturday from eight in the morning to two in the afternoon, except on public holidays.
agents-offer-italian = Agents who speak your language answer Monday to Friday from nine in the morning to two in the afternoon, Italian time. You can speak with an Italian-speaking agent now: press 1. For the automated services, available 24 hours a day, press 2. To return to the main menu, press star. To end the call, press 0.
agents-offer-self = The automated services are available 24 hours a day, public holidays included. To use them, press 1. To return to the main menu, press star. To end the call, press 0.
agents-busy = We are sorry, we cannot put you through to an agent at the moment. Please try again later.

## Automated services (R-SELF-1..9, R-HOURS-3)

self-menu = Automated services. For the status of an application, press 1. For the contributions due for a domestic worker, press 2. To receive a document at home, such as the statement of payments or your contribution record, press 3. For the status of an INPS Linea request, press 4. To book an appointment, press 5. To return to the main menu, press star.
self-closed = The automated services are temporarily unavailable. Please try again later.
result-next = To hear this again, press 1. For another automated service, press 2. To return to the main menu, press star. To end the call, press 0.
after-service = For another automated service, press 1. To return to the main menu, press star. To end the call, press 0.
try-again = To enter the number again, press 1. For another automated service, press 2. To return to the main menu, press star. To end the call, press 0.

## Identification (R-AUTH-3, R-AUTH-4)

id-tax-code = Please enter your Italian tax code, the codice fiscale, on your phone keypad: for each letter, press once the key it is written on; for each digit, press that digit.
id-pin = Please enter your eight-digit phone PIN.
id-birth-date = To complete your identification, please enter your date of birth: two digits for the day, two for the month and four for the year.
id-not-recognised = The details you entered do not match. Let's try again.
id-failed = We could not identify you with the details you entered.
id-pin-locked = For your security, your phone PIN has been locked for thirty minutes after three wrong attempts. You can try again later, or create a new PIN in the MyINPS personal area of the inps.it website.

## Status of an application (R-SELF-1)

status-menu = Status of an application. If you know the application number, DOMUS or protocol number, press 1. If you have your phone PIN, press 2 to hear the status of your most recent application. To return to the previous menu, press star. For an application to the public employees’ fund, formerly INPDAP, press 3.
status-ask-number = Please enter the application number: the thirteen-digit DOMUS number, or the nineteen-digit protocol number. When you have finished, press the hash key.
status-result =
    Your application for { $benefit } { $status ->
        [received] has been received
        [under-review] is under review
        [waiting-for-documents] is waiting for documents from you
        [suspended] is suspended
        [approved] has been approved
        [rejected] has been rejected
        [paid] has been approved and is being paid
       *[other] is being processed
    }. Last update: { $status_date }. Office in charge: { $office }.
status-not-found = We found no application with this number for the tax code you entered.
status-invalid = The number you entered is not a valid application number.
latest-result =
    Applications in your name: { $count }. The most recent one, { $benefit }, { $status ->
        [received] has been received
        [under-review] is under review
        [waiting-for-documents] is waiting for documents from you
        [suspended] is suspended
        [approved] has been approved
        [rejected] has been rejected
        [paid] has been approved and is being paid
       *[other] is being processed
    }. Last update: { $status_date }.
latest-not-found = We found no applications in your name.
latest-unauthorized = This service requires your phone PIN.

## Domestic work contributions (R-SELF-3)

domestic-ask-code = Please enter the ten-digit code of the domestic employment relationship. You will find it on the contribution payment notices.
domestic-result = Domestic work contributions for quarter { $quarter } of { $year }: the amount due is { $amount }, to be paid by { $due_date }.
domestic-unavailable = The amount of the contributions for the next quarter is not available yet. The payment is due by { $due_date }.
domestic-not-found = We found no domestic employment relationship with this code for the tax code you entered.
domestic-invalid = The code you entered is not a valid employment relationship code.

## Documents sent home (R-SELF-4..7)

docs-menu = Which document would you like to receive at your home address? The statement of payments for the last year, press 1. The details of your pension payments, 2. Your contribution record, 3. To return to the previous menu, press star.
docs-menu-cu = Which document would you like to receive at your home address? The statement of payments for the last year, press 1. The details of your pension payments, 2. Your contribution record, 3. The Certificazione Unica, the yearly tax certificate, 4. To return to the previous menu, press star.
docs-cu-ask-year = Please enter the year of the Certificazione Unica, four digits. Each year's Certificazione Unica covers the income of the year before.
docs-sent =
    { $kind ->
        [payment_statement] The statement of payments
        [pension_details] The details of your pension payments
        [insurance_record] Your contribution record
       *[certificazione_unica] The Certificazione Unica
    } will be sent by post to your home address. Dispatch date: { $dispatch_date }.
docs-sent-recently =
    { $kind ->
        [payment_statement] The statement of payments
        [pension_details] The details of your pension payments
        [insurance_record] Your contribution record
       *[certificazione_unica] The Certificazione Unica
    } was already requested recently. Dispatch date: { $sent_on }. Please allow a few days for delivery.
docs-no-address = We have no home address to send the document to. You can update it in the MyINPS personal area, or ask an agent.
docs-not-found =
    { $kind ->
        [payment_statement] We found no payments in your name in the last year.
        [pension_details] We found no pension payments in your name.
        [insurance_record] We found no contribution record in your name.
       *[certificazione_unica] We found no Certificazione Unica in your name for that year.
    }
docs-cu-closed = The Certificazione Unica can be sent only during the yearly campaign. The Certificazione Unica is always available in the MyINPS personal area of the inps.it website.

## INPS Linea requests (R-SELF-8)

linea-ask-request = Please enter the twelve-digit number of your INPS Linea request: the four digits of the year, followed by the eight digits of the number.
linea-result =
    { $status ->
        [received] Your INPS Linea request has been received and will be handled by { $sla_due }.
        [taken-in-charge] Your INPS Linea request has been taken in charge; an answer is expected by { $sla_due }.
        [overdue] Your INPS Linea request is still being processed: the expected date, { $sla_due }, has passed. If you wish to chase it, you can speak to an agent.
        [waiting-for-citizen] Your INPS Linea request is waiting for information from you: please check the messages we have sent you.
        [answered] Your INPS Linea request has been answered.
        [closed] Your INPS Linea request is closed.
       *[other] Your INPS Linea request is being processed.
    } Office in charge: { $office }.
linea-not-found = We found no INPS Linea request with this number for the tax code you entered.
linea-invalid = The number you entered is not a valid request number.

## Appointments (R-SELF-9)

appt-choose-service = Which service would you like an appointment for? Pensions, press 1. Social and income support benefits, 2. Work and employment, 3. Contributions and insurance records, 4. Companies and employers, 5. Disability and invalidity, 6. Payments and statements, 7. Communication and support for citizens, 8. Online services, 9. To return to the automated services, press star.
appt-offer = The first available appointment is on { $start }, at this office: { $office }. To book it, press 1. To return to the automated services, press 2.
appt-ask-mobile = Please enter the mobile number for the confirmation text message, then press the hash key.
appt-booked = Your appointment is booked for { $start }, at this office: { $office }. Your booking code is { $code }. You will receive a confirmation text message.
appt-conflict = We are sorry, that appointment has just been booked by someone else. We are looking for the next one available.
appt-mobile-invalid = The number you entered is not a valid mobile number.
appt-unavailable = There are no appointments available for this service at the moment. Please try again in the next few days, or ask an agent.
appt-not-found = We could not find the office in charge for your place of residence. To book, please ask an agent.

## Survey (R-SURV-1, R-SURV-2; questions as in SurveySpec::inps_default)

survey-intro-agent = Before you go, please rate your conversation with our agent: there are just two questions. If you prefer not to answer, you can hang up.
survey-intro-automated = Before you go, please rate the automated service: there are just two questions. If you prefer not to answer, you can hang up.
survey-satisfaction = How satisfied are you with the service you received? Please rate it from 1, not at all satisfied, to 5, very satisfied.
survey-resolved = Was your need resolved? Press 1 for yes, 2 for no.
survey-thanks = Thank you for your feedback.

## Certificazione Unica line, 800 434 320 (R-CHAN-5)

cu-welcome = Welcome to the INPS Certificazione Unica service. To change language, press 9; otherwise, please stay on the line.
cu-closed = The Certificazione Unica toll-free number is active only during the yearly campaign. The Certificazione Unica is always available in the MyINPS personal area of the inps.it website. Thank you for calling. Goodbye.
cu-other-year = To enter another year, press 1. To end the call, press 0.

# R-SELF-2: public-administration (ex-INPDAP) applications, by name, date of birth and number.
inpdap-ask-surname = Please type your surname on the telephone keypad, one key for each letter: for example, for the letter R press 7. When you have finished, press hash.
inpdap-ask-name = Now type your first name in the same way, one key for each letter, and press hash when you have finished.
inpdap-ask-birth-date = Please type your date of birth as eight digits: day, month and year. For example, for 5 March 1961 type 0 5 0 3 1 9 6 1.
inpdap-not-found = We have no application to the public employees’ fund with these details. Please check your surname, first name, date of birth and the application number.
