### Messages d'information (R-INFO-1, R-INFO-2), français. Traduits du texte italien.
### Faits tirés de DOMAIN §6, début 2026. Les montants changent chaque année : à revoir en janvier.

# R-INFO-1
info-intro = Avant de vous mettre en relation avec un conseiller, voici quelques informations utiles.

# R-INFO-1
info-bonus-asilo-nido =
    Le bonus crèche, bonus asilo nido, aide à payer les frais d'une crèche publique ou privée,
    ou la garde à domicile des enfants de moins de 3 ans atteints d'une maladie chronique grave.
    Il est versé en 11 mensualités au maximum.
    Le montant dépend de l'ISEE et de la date de naissance de l'enfant : selon les règles de 2025,
    pour les enfants nés à partir de 2024, avec un ISEE jusqu'à 40 000 euros, il atteint 3600 euros par an.
    La demande se fait en ligne sur le site de l'INPS, I N P S point I T, avec les reçus de paiement.

# R-INFO-1
info-pin-credentials =
    Pour les services en ligne de l'INPS, il faut une identité numérique : SPID,
    la carte d'identité électronique, CIE, ou la carte nationale des services, CNS.
    Pour les services par téléphone, vous pouvez utiliser le PIN téléphonique : connectez-vous
    à votre espace personnel MyINPS avec votre identité numérique et choisissez la fonction PIN telefonico.
    Vous choisissez sa durée de validité : un jour, une semaine, un mois ou 3 mois.
    Si vous créez un nouveau PIN, l'ancien n'est plus valable.

# R-INFO-1
info-digital-identity-delegation =
    Si vous ne pouvez pas utiliser vous-même les services en ligne, vous pouvez déléguer une personne de confiance,
    qui agira pour vous avec son propre SPID, sa CIE ou sa CNS.
    La délégation s'enregistre dans n'importe quelle agence de l'INPS avec le formulaire AA08
    et la copie d'une pièce d'identité, ou en ligne dans MyINPS, rubrique Deleghe identità digitali.
    Les personnes alitées ou hospitalisées utilisent le formulaire AA09 ;
    les tuteurs, curateurs et parents utilisent le formulaire AA10.
    On ne peut avoir qu'un seul délégué, et la délégation peut être révoquée à tout moment.

# R-INFO-1
info-disability-card =
    La carte européenne d'invalidité est gratuite et prouve votre situation de handicap,
    pour obtenir des services gratuits ou à prix réduit, comme les transports, la culture et les loisirs,
    en Italie et dans les pays européens participants.
    Elle est accordée notamment aux invalides civils à 67 % au moins, aux mineurs invalides
    et aux bénéficiaires de l'allocation d'accompagnement.
    La demande se fait en ligne sur le site de l'INPS, I N P S point I T, avec une photo,
    ou par l'intermédiaire des associations agréées.
    La carte arrive par la poste et reste valable tant que la situation dure, 10 ans au maximum.

# R-INFO-1
info-auu =
    L'allocation unique et universelle, assegno unico e universale, est une aide mensuelle pour chaque enfant à charge,
    du septième mois de grossesse jusqu'à 21 ans, sans limite d'âge pour les enfants handicapés.
    Il n'est pas nécessaire de travailler, et le montant dépend de l'ISEE.
    La demande se fait une seule fois : en ligne, auprès d'un patronato, ou à ce numéro avec le PIN téléphonique,
    puis elle se poursuit automatiquement les années suivantes.
    Pensez à renouveler votre ISEE chaque année, en janvier ou février, et à mettre à jour la demande
    en cas de changement, par exemple une naissance ou un nouvel IBAN.

# R-INFO-1
info-pension-video-guide =
    Lorsque la pension est accordée, l'INPS envoie aux nouveaux retraités un SMS ou un e-mail
    avec le lien vers un guide vidéo personnalisé et interactif.
    Il explique simplement votre pension : son calcul, son montant, les impôts,
    le relevé mensuel de pension et les services en ligne utiles.
    Si vous avez perdu le lien, vous trouverez le guide vidéo dans votre espace personnel MyINPS
    ou dans l'application IO.

# R-INFO-1
info-degree-redemption =
    Le rachat à tarif réduit des années d'études, riscatto agevolato della laurea,
    permet de compter vos années d'université pour la retraite, pour la durée légale du cursus,
    pour les années à partir de 1996.
    Vous pouvez le demander même si vous n'avez jamais travaillé, à tout âge.
    Le coût est fixe pour chaque année : en 2025, il était de 6123,15 euros.
    Vous pouvez payer en une fois ou en 120 mensualités au maximum, sans intérêts, et c'est déductible des impôts.
    La demande se fait en ligne sur le site de l'INPS, I N P S point I T.

# R-INFO-1
info-sickness-benefit =
    L'indemnité de maladie est versée à de nombreux salariés du secteur privé, comme les ouvriers,
    les employés du commerce et des services, les apprentis et les travailleurs agricoles ;
    elle n'est pas versée aux employés de maison, aux employés de bureau de l'industrie ni aux indépendants.
    C'est le médecin qui envoie le certificat à l'INPS en ligne.
    Elle est versée à partir du quatrième jour : 50 % du salaire journalier moyen jusqu'au vingtième jour,
    et 66,66 % à partir du vingt et unième, pendant 180 jours par an au maximum ; en général, l'employeur l'avance.
    Pendant la maladie, vous devez être joignable chez vous aux heures des visites de contrôle.

# R-INFO-1
info-io-domestic-due-dates =
    Si vous employez une aide à domicile, par exemple une femme de ménage, une aide-soignante ou une baby-sitter,
    l'application IO peut vous rappeler chaque échéance de cotisations, et vous pouvez payer directement dans l'application.
    Les cotisations se paient tous les 3 mois, dans les 10 premiers jours d'avril, juillet, octobre et janvier.
    Pour recevoir les rappels, connectez-vous à l'application IO avec SPID ou CIE, ouvrez les services de l'INPS
    et vérifiez que les messages sont activés ; vous devez aussi avoir choisi de recevoir
    les avis de paiement pagoPA pour l'emploi à domicile.

# R-INFO-1
info-io-linea-progress =
    Si vous avez envoyé une demande à l'INPS par Linea INPS ou INPS Risponde,
    l'application IO vous signale chaque étape de son traitement.
    Pour recevoir ces avis, connectez-vous à l'application IO avec SPID ou CIE, ouvrez les services de l'INPS
    et vérifiez que les messages sont activés.
    Vous pouvez aussi connaître l'état de votre demande avec les services automatiques de ce numéro,
    avec votre code fiscal et le numéro de la demande.

# R-INFO-1
info-adi =
    L'allocation d'inclusion, assegno di inclusione, est une aide contre la pauvreté pour les familles
    comptant une personne handicapée, un mineur, une personne de 60 ans ou plus,
    ou une personne en difficulté suivie par les services sociaux.
    Il faut un ISEE bas : en 2025, jusqu'à 10 140 euros.
    Elle est versée sur la carte ADI pendant 18 mois, renouvelables par périodes de 12 mois ;
    depuis 2026, lors du renouvellement, le premier mois est payé à 50 %.
    La demande se fait en ligne, auprès d'un patronato ou d'un CAF ;
    ensuite, on signe le pacte d'activation sur la plateforme SIISL.

# R-INFO-1
info-sfl =
    Le soutien à la formation et au travail, supporto per la formazione e il lavoro,
    s'adresse aux personnes de 18 à 59 ans, dans des familles avec un ISEE bas, jusqu'à 10 140 euros en 2025,
    qui suivent une formation ou participent à des projets d'insertion professionnelle.
    Il s'élève à 500 euros par mois pendant la durée du projet, 12 mois au maximum,
    avec une prolongation possible si la formation n'est pas terminée.
    Il n'est pas accordé à ceux qui ont démissionné volontairement au cours des 12 derniers mois.
    La demande se fait en ligne sur le site de l'INPS, I N P S point I T,
    puis on signe le pacte d'activation sur la plateforme SIISL.

# R-INFO-1
info-pin-intermediaries =
    Les entreprises et les intermédiaires, comme les conseillers en paie, les CAF et les patronati,
    accèdent eux aussi aux services en ligne de l'INPS uniquement avec une identité numérique personnelle : SPID, CIE ou CNS.
    L'ancien PIN de l'INPS ne peut plus être utilisé.
    Chaque personne qui agit pour une entreprise ou un intermédiaire se connecte avec ses propres identifiants
    et doit être habilitée pour ce rôle.
    Les services se trouvent sur le site de l'INPS, I N P S point I T ; pour les habilitations, le conseiller pourra vous guider.

# R-INFO-2
menu-naspi =
    Naspi, l'allocation chômage.
    Pour les conditions, tapez 1. Pour savoir comment faire la demande, tapez 2.
    Pour la durée et le point de départ, tapez 3. Pour le montant, tapez 4.
    Pour parler à un conseiller, tapez 9.

# R-INFO-2
detail-naspi-requirements =
    La Naspi est versée aux salariés qui perdent leur emploi sans l'avoir voulu,
    y compris en cas de démission pour juste motif ; elle concerne aussi les apprentis,
    les membres de coopératives et les agents publics en contrat à durée déterminée.
    Il faut au moins 13 semaines de cotisations dans les 4 ans qui précèdent le chômage.
    Si vous avez démissionné volontairement d'un autre emploi au cours des 12 mois précédents,
    les 13 semaines doivent avoir été acquises dans le nouvel emploi.
    Elle n'est pas versée aux agents publics titulaires, aux ouvriers agricoles
    ni aux personnes qui remplissent déjà les conditions de la retraite.

# R-INFO-2
detail-naspi-how-to-apply =
    La demande de Naspi se fait en ligne sur le site de l'INPS, I N P S point I T,
    avec SPID, CIE ou CNS, ou auprès d'un patronato.
    Elle doit être déposée dans les 68 jours qui suivent la fin du contrat de travail.

# R-INFO-2
detail-naspi-duration =
    La Naspi dure la moitié des semaines de cotisations des 4 dernières années, 24 mois au maximum.
    Elle commence le huitième jour après la fin du travail,
    ou le lendemain de la demande, si la demande est faite plus tard.

# R-INFO-2
detail-naspi-amount =
    La Naspi est égale à 75 % du salaire mensuel moyen jusqu'à 1456,72 euros,
    plus 25 % de la partie qui dépasse ce montant ; ce sont les valeurs de 2026.
    Elle ne peut pas dépasser 1584,70 euros bruts par mois.
    À partir du sixième mois, elle baisse de 3 % chaque mois, ou à partir du huitième mois si vous avez 55 ans ou plus.

# R-INFO-2
menu-auu =
    Allocation unique et universelle pour les enfants, assegno unico.
    Pour les conditions, tapez 1. Pour savoir comment faire la demande, tapez 2.
    Pour la durée et le point de départ, tapez 3. Pour le montant, tapez 4.
    Pour parler à un conseiller, tapez 9.

# R-INFO-2
detail-auu-requirements =
    L'assegno unico est versé pour chaque enfant à charge, du septième mois de grossesse jusqu'à 18 ans.
    Entre 18 et 21 ans, il est versé si l'enfant fait des études ou une formation, travaille avec un faible revenu,
    cherche un emploi ou fait un service civique.
    Il n'y a pas de limite d'âge pour les enfants handicapés.
    Il n'est pas nécessaire de travailler.

# R-INFO-2
detail-auu-how-to-apply =
    La demande d'assegno unico se fait une seule fois : en ligne sur le site de l'INPS, I N P S point I T,
    auprès d'un patronato, ou à ce numéro avec le PIN téléphonique.
    Une demande acceptée se poursuit automatiquement les années suivantes ; mettez-la à jour en cas de changement,
    par exemple une naissance, un handicap, un nouvel IBAN ou un enfant qui atteint 18 ans.

# R-INFO-2
detail-auu-duration =
    L'assegno unico est versé chaque mois, du septième mois de grossesse jusqu'aux 21 ans de l'enfant,
    sans limite d'âge pour les enfants handicapés.
    L'ISEE doit être renouvelé chaque année, en janvier ou février :
    si vous le déposez avant fin juin, vous recevez aussi les arriérés depuis mars.

# R-INFO-2
detail-auu-amount =
    Le montant dépend de l'ISEE. En 2026, avec un ISEE jusqu'à 17 468,51 euros,
    vous recevez 203,80 euros par mois pour chaque enfant mineur ;
    avec un ISEE de 46 582,71 euros ou plus, ou sans ISEE, 58,30 euros.
    Pour les enfants de 18 à 21 ans, c'est entre 99,10 et 29,10 euros.
    Des majorations existent pour les enfants de moins d'un an, les familles nombreuses, les enfants handicapés,
    et quand les deux parents travaillent.

# R-INFO-2
menu-maternity-paternity =
    Congé de maternité et congé de paternité.
    Pour les conditions, tapez 1. Pour savoir comment faire la demande, tapez 2.
    Pour la durée et le point de départ, tapez 3. Pour le montant, tapez 4.
    Pour parler à un conseiller, tapez 9.

# R-INFO-2
detail-maternity-paternity-requirements =
    Le congé de maternité concerne les salariées, et aussi les travailleuses indépendantes,
    les affiliées à la Gestione separata et les chômeuses dans les 60 jours qui suivent la fin de leur dernier emploi.
    Le congé de paternité obligatoire concerne les pères salariés,
    du secteur public comme du privé, y compris les employés de maison.

# R-INFO-2
detail-maternity-paternity-how-to-apply =
    Pour la maternité, la demande se fait en ligne avant le début du congé,
    et au plus tard un an après sa fin, en indiquant le numéro de protocole
    du certificat électronique de grossesse ; la naissance doit être déclarée dans les 30 jours.
    Pour la paternité, le père prévient son employeur au moins 5 jours à l'avance,
    et ne fait une demande à l'INPS que si c'est l'INPS qui le paie directement.
    Les demandes se font sur le site de l'INPS, I N P S point I T, avec SPID, CIE ou CNS.

# R-INFO-2
detail-maternity-paternity-duration =
    Le congé de maternité dure 5 mois : en général 2 mois avant la date prévue de l'accouchement et 3 après ;
    avec l'accord du médecin, 1 mois avant et 4 après, ou les 5 mois après la naissance.
    Le congé de paternité dure 10 jours ouvrables, 20 en cas de naissance multiple,
    à prendre entre 2 mois avant et 5 mois après la naissance, même en jours séparés,
    et aussi pendant le congé de la mère.

# R-INFO-2
detail-maternity-paternity-amount =
    Pour les salariées, le congé de maternité est payé à 80 % du salaire journalier moyen ;
    en général, l'employeur l'avance, mais pour les employées de maison et dans certains autres cas, l'INPS paie directement.
    Le congé de paternité est payé à 100 % du salaire.

# R-INFO-2
menu-parental-leave =
    Congé parental.
    Pour les conditions, tapez 1. Pour savoir comment faire la demande, tapez 2.
    Pour la durée et le point de départ, tapez 3. Pour le montant, tapez 4.
    Pour parler à un conseiller, tapez 9.

# R-INFO-2
detail-parental-leave-requirements =
    Le congé parental, congedo parentale, est un congé facultatif pour les parents salariés.
    Chaque parent a droit à 3 mois qui ne peuvent pas être transférés à l'autre.
    Depuis 2026, il peut être pris jusqu'aux 14 ans de l'enfant.

# R-INFO-2
detail-parental-leave-how-to-apply =
    La demande de congé parental se fait avant le début du congé,
    en ligne sur le site de l'INPS, I N P S point I T, avec SPID, CIE ou CNS, ou auprès d'un patronato.

# R-INFO-2
detail-parental-leave-duration =
    Le congé parental dure au total jusqu'à 10 mois pour le couple,
    ou 11 si le père en prend au moins 3.
    Chaque parent a 3 mois qui ne peuvent pas être transférés.
    Depuis janvier 2026, il peut être pris jusqu'aux 14 ans de l'enfant ; avant, la limite était de 12 ans.

# R-INFO-2
detail-parental-leave-amount =
    Dans le congé parental, 3 mois sont payés à 80 % du salaire s'ils sont pris avant les 6 ans de l'enfant,
    pour les parents dont le congé de maternité ou de paternité s'est terminé en 2025 ou plus tard.
    Ensuite, 6 autres mois sont payés à 30 %.
    Les mois restants sont payés à 30 % uniquement aux parents à faible revenu.
