### Information messages (R-INFO-1, R-INFO-2), English. Translated from the Italian text.
### Facts from DOMAIN §6, as of early 2026. Amounts change every year: review each January.

# R-INFO-1
info-intro = Before we put you through, here is some useful information.

# R-INFO-1
info-bonus-asilo-nido =
    The nursery bonus, bonus asilo nido, helps pay the fees of a public or private nursery,
    or home care for children under 3 with a serious chronic illness.
    It is paid in up to 11 monthly instalments.
    The amount depends on your ISEE and on the child's date of birth: under the 2025 rules,
    for children born from 2024 onwards, with an ISEE up to 40,000 euros, it is 3,600 euros a year.
    You apply online on the INPS website, inps dot it, attaching your payment receipts.

# R-INFO-1
info-pin-credentials =
    For INPS online services you need a digital identity: SPID, the electronic identity card, CIE,
    or the national services card, CNS.
    For services by phone you can use the phone PIN: log in to your personal area, MyINPS,
    with your digital identity and choose the phone PIN function.
    You choose how long it is valid: one day, one week, one month or 3 months.
    If you create a new PIN, the previous one stops working.

# R-INFO-1
info-digital-identity-delegation =
    If you cannot use the online services yourself, you can appoint a trusted person,
    who then acts for you with their own SPID, CIE or CNS.
    The delegation is registered at any INPS office with form AA08 and a copy of an identity document,
    or online in MyINPS, under Deleghe identità digitali.
    People who are bedridden or in hospital use form AA09;
    guardians, legal administrators and parents use form AA10.
    You can have only one delegate, and you can cancel the delegation at any time.

# R-INFO-1
info-disability-card =
    The European Disability Card is free and proves your disability status,
    so you can get free or discounted services such as transport, culture and leisure,
    in Italy and in the participating European countries.
    It is available, among others, to people with a civil invalidity of at least 67%,
    to disabled minors and to people receiving the attendance allowance.
    You apply online on the INPS website, inps dot it, with a photo, or through an authorised association.
    The card is sent by post and is valid as long as the condition lasts, up to 10 years.

# R-INFO-1
info-auu =
    The single universal allowance, assegno unico e universale, is a monthly payment for each dependent child,
    from the seventh month of pregnancy until age 21, with no age limit for children with disabilities.
    You do not need to be working, and the amount depends on your ISEE.
    You apply only once: online, through a patronato, or on this number with your phone PIN,
    and the allowance then continues by itself in the following years.
    Remember to renew your ISEE every year, in January or February, and to update the application
    when something changes, for example a birth or a new IBAN.

# R-INFO-1
info-pension-video-guide =
    When a pension is granted, INPS sends new pensioners a text message or an e-mail
    with a link to a personalised, interactive video guide.
    In simple words, it explains your pension: how it was calculated, the amount,
    the taxes, the monthly pension statement and the useful online services.
    If you have lost the link, you can find the video guide in your personal area, MyINPS, or in the IO app.

# R-INFO-1
info-degree-redemption =
    The discounted degree redemption, riscatto agevolato della laurea, lets you count your university years
    towards your pension, for the official length of the course, for years from 1996 onwards.
    You can apply even if you have never worked, at any age.
    The cost is fixed for each year: in 2025 it was 6,123.15 euros.
    You can pay in one go or in up to 120 interest-free monthly instalments, and it is tax-deductible.
    You apply online on the INPS website, inps dot it.

# R-INFO-1
info-sickness-benefit =
    Sickness benefit is paid to many private-sector employees, such as manual workers,
    staff in trade and services, apprentices and farm workers;
    it is not paid to domestic workers, white-collar staff in industry or the self-employed.
    Your doctor sends the sick note to INPS online.
    It is paid from the fourth day: 50% of average daily pay up to day 20,
    and 66.66% from day 21, for up to 180 days a year; usually your employer pays it in advance.
    While you are ill, you must be at home during the hours set for check-up visits.

# R-INFO-1
info-io-domestic-due-dates =
    If you employ a domestic worker, such as a cleaner, a carer or a babysitter,
    the IO app can remind you of each contribution due date, and you can pay directly in the app.
    Contributions are due every 3 months, in the first 10 days of April, July, October and January.
    To get the reminders, log in to the IO app with SPID or CIE, open the INPS services
    and check that messages are switched on; you must also have chosen to receive
    the pagoPA payment notices for domestic work.

# R-INFO-1
info-io-linea-progress =
    If you have sent a request to INPS through Linea INPS or INPS Risponde,
    the IO app tells you each time it moves forward.
    To get these notices, log in to the IO app with SPID or CIE, open the INPS services
    and check that messages are switched on.
    You can also check the status of a request with the automated services on this number,
    using your tax code and the request number.

# R-INFO-1
info-adi =
    The inclusion allowance, assegno di inclusione, is an anti-poverty benefit for households with a person with disabilities,
    a minor, a person aged 60 or over, or a disadvantaged person supported by social services.
    You need a low ISEE: in 2025, up to 10,140 euros.
    It is paid on the ADI card for 18 months, renewable for 12 months at a time;
    from 2026, the first month after a renewal is paid at 50%.
    You apply online, or through a patronato or a CAF;
    then you sign the activation agreement on the SIISL platform.

# R-INFO-1
info-sfl =
    The support for training and work, supporto per la formazione e il lavoro, is for people aged 18 to 59
    in low-income households, with an ISEE up to 10,140 euros in 2025,
    who take part in training courses or work projects.
    It pays 500 euros a month for the length of the project, up to 12 months,
    with a possible extension if the course has not yet finished.
    It is not paid to people who resigned voluntarily in the previous 12 months.
    You apply online on the INPS website, inps dot it,
    then sign the activation agreement on the SIISL platform.

# R-INFO-1
info-pin-intermediaries =
    Companies and intermediaries, such as payroll consultants, CAFs and patronati,
    also use INPS online services only with a personal digital identity: SPID, CIE or CNS.
    The old INPS PIN can no longer be used.
    Each person working for a company or an intermediary logs in with their own credentials
    and must be authorised for that role.
    The services are on the INPS website, inps dot it; for authorisations, our agent can guide you.

# R-INFO-2
menu-naspi =
    Naspi, the unemployment benefit.
    For requirements, press 1. For how to apply, press 2.
    For duration and start date, press 3. For the amount, press 4.
    To speak to an agent, press 9.

# R-INFO-2
detail-naspi-requirements =
    Naspi is for employees who lose their job through no choice of their own,
    including resignation for just cause; this includes apprentices, members of cooperatives
    and public employees on fixed-term contracts.
    You need at least 13 weeks of contributions in the 4 years before becoming unemployed.
    If you resigned voluntarily from another job in the previous 12 months,
    the 13 weeks must have been earned in the new job.
    It is not for permanent public employees, farm workers,
    or people who already qualify for a pension.

# R-INFO-2
detail-naspi-how-to-apply =
    You apply for Naspi online on the INPS website, inps dot it,
    with SPID, CIE or CNS, or through a patronato.
    You must apply within 68 days of the end of your employment.

# R-INFO-2
detail-naspi-duration =
    Naspi lasts for half the weeks of contributions in the last 4 years, up to 24 months.
    It starts on the eighth day after your job ends,
    or on the day after you apply, if you apply later.

# R-INFO-2
detail-naspi-amount =
    Naspi is 75% of your average monthly pay up to 1,456.72 euros,
    plus 25% of the part above that figure; these are the 2026 values.
    It cannot be more than 1,584.70 euros a month, before tax.
    From the sixth month it goes down by 3% each month, or from the eighth month if you are 55 or over.

# R-INFO-2
menu-auu =
    Single universal allowance for children, assegno unico.
    For requirements, press 1. For how to apply, press 2.
    For duration and start date, press 3. For the amount, press 4.
    To speak to an agent, press 9.

# R-INFO-2
detail-auu-requirements =
    The assegno unico is paid for each dependent child, from the seventh month of pregnancy until age 18.
    Between 18 and 21, it is paid if the child is studying, in training, working on a low income,
    looking for work or doing civil service.
    There is no age limit for children with disabilities.
    You do not need to be working.

# R-INFO-2
detail-auu-how-to-apply =
    You apply for the assegno unico only once: online on the INPS website, inps dot it,
    through a patronato, or on this number with your phone PIN.
    Once accepted, the application continues by itself in the following years; update it when something changes,
    for example a birth, a disability, a new IBAN, or a child turning 18.

# R-INFO-2
detail-auu-duration =
    The assegno unico is paid every month, from the seventh month of pregnancy until the child is 21,
    with no age limit for children with disabilities.
    Your ISEE must be renewed every year, in January or February:
    if you file it by the end of June, you also receive the arrears from March.

# R-INFO-2
detail-auu-amount =
    The amount depends on your ISEE. In 2026, with an ISEE up to 17,468.51 euros,
    you receive 203.80 euros a month for each child under 18;
    with an ISEE of 46,582.71 euros or more, or no ISEE, 58.30 euros.
    For children aged 18 to 21, it is between 99.10 and 29.10 euros.
    There are extra amounts for children under 1, large families, children with disabilities,
    and when both parents work.

# R-INFO-2
menu-maternity-paternity =
    Maternity leave and paternity leave.
    For requirements, press 1. For how to apply, press 2.
    For duration and start date, press 3. For the amount, press 4.
    To speak to an agent, press 9.

# R-INFO-2
detail-maternity-paternity-requirements =
    Maternity leave is for employed women, and also for self-employed women,
    members of the Gestione separata, and unemployed women within 60 days of the end of their last job.
    Mandatory paternity leave is for employed fathers,
    in the public and private sectors, including domestic workers.

# R-INFO-2
detail-maternity-paternity-how-to-apply =
    For maternity leave, apply online before the leave starts,
    and no later than one year after it ends, giving the protocol number
    of the electronic pregnancy certificate; the birth must be reported within 30 days.
    For paternity leave, the father tells his employer at least 5 days in advance,
    and applies to INPS only if INPS pays him directly.
    Applications are made on the INPS website, inps dot it, with SPID, CIE or CNS.

# R-INFO-2
detail-maternity-paternity-duration =
    Maternity leave lasts 5 months: usually 2 months before the expected due date and 3 after;
    with your doctor's approval, 1 month before and 4 after, or all 5 after the birth.
    Paternity leave is 10 working days, or 20 for a multiple birth,
    to be taken between 2 months before and 5 months after the birth, on separate days if you wish,
    and also during the mother's leave.

# R-INFO-2
detail-maternity-paternity-amount =
    For employed women, maternity leave is paid at 80% of average daily pay;
    usually the employer pays it in advance, while for domestic workers and in some other cases INPS pays directly.
    Paternity leave is paid at 100% of pay.

# R-INFO-2
menu-parental-leave =
    Parental leave.
    For requirements, press 1. For how to apply, press 2.
    For duration and start date, press 3. For the amount, press 4.
    To speak to an agent, press 9.

# R-INFO-2
detail-parental-leave-requirements =
    Parental leave, congedo parentale, is optional time off work for employed parents.
    Each parent is entitled to 3 months that cannot be passed to the other parent.
    From 2026 it can be taken until the child is 14.

# R-INFO-2
detail-parental-leave-how-to-apply =
    You apply for parental leave before it starts,
    online on the INPS website, inps dot it, with SPID, CIE or CNS, or through a patronato.

# R-INFO-2
detail-parental-leave-duration =
    Parental leave lasts up to 10 months in total for the couple,
    or 11 if the father takes at least 3 months.
    Each parent has 3 months that cannot be passed to the other.
    Since January 2026 it can be taken until the child is 14; before, the limit was 12.

# R-INFO-2
detail-parental-leave-amount =
    In parental leave, 3 months are paid at 80% of pay if taken before the child is 6,
    for parents whose maternity or paternity leave ended in 2025 or later.
    Another 6 months are paid at 30%.
    The remaining months are paid at 30% only to parents on a low income.
