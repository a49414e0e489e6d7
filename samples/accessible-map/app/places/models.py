from django.conf import settings
from django.db import models


class Place(models.Model):
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=50)
    latitude = models.FloatField()
    longitude = models.FloatField()
    has_ramp = models.BooleanField(default=False)
    has_accessible_toilet = models.BooleanField(default=False)


class Survey(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    photo = models.ImageField(upload_to="surveys/")
    comment = models.TextField(blank=True)
    is_published = models.BooleanField(default=False)


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    full_name = models.CharField(max_length=200)
    phone_number = models.CharField(max_length=20, blank=True)
    disability_group = models.CharField(max_length=50, blank=True)
    birth_date = models.DateField(null=True)
